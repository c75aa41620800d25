using YamlDotNet.RepresentationModel;

namespace Telemetry.Sink.Tests;

/// <summary>A YAML file's documents as plain values (maps, lists, strings), with merge keys (<c>&lt;&lt;: *anchor</c>) applied.</summary>
internal static class YamlFile
{
    public static List<Dictionary<string, object?>> Load(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        return [.. stream.Documents.Select(d => Assert.IsType<Dictionary<string, object?>>(Plain(d.RootNode)))];
    }

    /// <summary>Every value under a key of this name, anywhere below <paramref name="node"/>.</summary>
    public static IEnumerable<object?> Find(object? node, string key)
    {
        if (node is Dictionary<string, object?> map)
        {
            foreach (var (k, v) in map)
            {
                if (k == key)
                {
                    yield return v;
                }

                foreach (var found in Find(v, key))
                {
                    yield return found;
                }
            }
        }
        else if (node is List<object?> list)
        {
            foreach (var found in list.SelectMany(item => Find(item, key)))
            {
                yield return found;
            }
        }
    }

    public static Dictionary<string, object?> Map(object? node, string key) =>
        Assert.IsType<Dictionary<string, object?>>(Assert.IsType<Dictionary<string, object?>>(node)[key]);

    public static string[] Strings(object? node) => [.. Assert.IsType<List<object?>>(node).Select(v => Assert.IsType<string>(v))];

    private static object? Plain(YamlNode node) => node switch
    {
        YamlScalarNode scalar => scalar.Value,
        YamlSequenceNode sequence => sequence.Children.Select(Plain).ToList(),
        YamlMappingNode mapping => Merge(mapping),
        _ => throw new InvalidOperationException($"unexpected YAML node {node.GetType().Name}"),
    };

    private static Dictionary<string, object?> Merge(YamlMappingNode mapping)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Children)
        {
            var name = ((YamlScalarNode)key).Value!;
            if (name == "<<")
            {
                foreach (var (k, v) in Assert.IsType<Dictionary<string, object?>>(Plain(value)))
                {
                    result.TryAdd(k, v);
                }
            }
            else
            {
                result[name] = Plain(value);
            }
        }

        return result;
    }
}
