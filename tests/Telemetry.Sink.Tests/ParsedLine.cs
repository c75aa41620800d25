using System.Globalization;
using System.Text;

namespace Telemetry.Sink.Tests;

/// <summary>A line-protocol point read back into its parts (escapes undone; string fields keep their quotes).</summary>
internal sealed record ParsedLine(string Measurement, Dictionary<string, string> Tags, Dictionary<string, string> Fields, long Timestamp)
{
    public static ParsedLine Parse(string line)
    {
        var parts = Split(line, ' ');
        Assert.Equal(3, parts.Count);
        var key = Split(parts[0], ',');
        var tags = key.Skip(1).Select(t => Split(t, '=')).ToDictionary(p => Unescape(p[0]), p => Unescape(p[1]), StringComparer.Ordinal);
        var fields = Split(parts[1], ',').Select(f => Split(f, '=')).ToDictionary(p => Unescape(p[0]), p => p[1], StringComparer.Ordinal);
        return new ParsedLine(Unescape(key[0]), tags, fields, long.Parse(parts[2], CultureInfo.InvariantCulture));
    }

    /// <summary>Splits on a separator that is neither escaped nor inside a quoted string.</summary>
    private static List<string> Split(string text, char separator)
    {
        var result = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                current.Append(c).Append(text[++i]);
                continue;
            }

            if (c == '"')
            {
                quoted = !quoted;
            }

            if (c == separator && !quoted)
            {
                result.Add(current.ToString());
                current.Clear();
                continue;
            }

            current.Append(c);
        }

        result.Add(current.ToString());
        return result;
    }

    private static string Unescape(string text)
    {
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                i++;
            }

            result.Append(text[i]);
        }

        return result.ToString();
    }
}
