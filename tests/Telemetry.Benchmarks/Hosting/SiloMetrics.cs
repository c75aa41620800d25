using System.Globalization;

namespace Telemetry.Benchmarks.Hosting;

/// <summary>Reads figures from a silo's Prometheus text at <c>/metrics</c>.</summary>
internal static class SiloMetrics
{
    /// <summary>Every sample by metric name (labels dropped, values of the same name summed).</summary>
    public static async Task<IReadOnlyDictionary<string, double>> ReadAsync(HttpClient client, Uri baseAddress, CancellationToken cancellationToken)
    {
        var text = await client.GetStringAsync(new Uri(baseAddress, "/metrics"), cancellationToken);
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var space = line.LastIndexOf(' ');
            var nameEnd = line.IndexOfAny(['{', ' ']);
            if (space > 0 && double.TryParse(line.AsSpan(space + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                var name = line[..nameEnd];
                values[name] = values.GetValueOrDefault(name) + value;
            }
        }

        return values;
    }
}
