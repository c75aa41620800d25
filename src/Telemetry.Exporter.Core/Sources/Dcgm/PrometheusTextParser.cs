using System.Globalization;
using System.Text;

namespace Telemetry.Exporter.Sources.Dcgm;

/// <summary>
/// Reads the Prometheus text exposition format (version 0.0.4) as dcgm-exporter serves it: <c># HELP</c>,
/// <c># TYPE</c> and other comments skipped, labels in any order with <c>\\</c>, <c>\"</c> and <c>\n</c> escapes,
/// an optional trailing comma, an optional timestamp. A malformed line fails the whole page with its line number.
/// </summary>
internal static class PrometheusTextParser
{
    /// <exception cref="FormatException">A line is not in the format; the message names it.</exception>
    public static List<PrometheusSample> Parse(string text)
    {
        var samples = new List<PrometheusSample>();
        var lineNumber = 0;
        foreach (var rawLine in text.AsSpan().EnumerateLines())
        {
            lineNumber++;
            var line = rawLine.Trim();
            if (line.IsEmpty || line[0] == '#')
            {
                continue;
            }

            try
            {
                samples.Add(ParseLine(line));
            }
            catch (FormatException e)
            {
                throw new FormatException($"line {lineNumber}: {e.Message}", e);
            }
        }

        return samples;
    }

    private static PrometheusSample ParseLine(ReadOnlySpan<char> line)
    {
        var i = 0;
        while (i < line.Length && IsNameChar(line[i], first: i == 0))
        {
            i++;
        }

        if (i == 0)
        {
            throw new FormatException("expected a metric name");
        }

        var name = line[..i].ToString();
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        SkipSpaces(line, ref i);
        if (i < line.Length && line[i] == '{')
        {
            i++;
            ParseLabels(line, ref i, labels);
        }

        SkipSpaces(line, ref i);
        var valueStart = i;
        while (i < line.Length && !char.IsWhiteSpace(line[i]))
        {
            i++;
        }

        var value = ParseValue(line[valueStart..i]);
        SkipSpaces(line, ref i);
        if (i < line.Length && !long.TryParse(line[i..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            throw new FormatException($"unexpected '{line[i..].ToString()}' after the value of {name}");
        }

        return new PrometheusSample(name, labels, value);
    }

    private static void ParseLabels(ReadOnlySpan<char> line, ref int i, Dictionary<string, string> labels)
    {
        while (true)
        {
            SkipSpaces(line, ref i);
            if (i < line.Length && line[i] == '}')
            {
                i++;
                return;
            }

            var start = i;
            while (i < line.Length && IsNameChar(line[i], first: i == start))
            {
                i++;
            }

            if (i == start)
            {
                throw new FormatException("expected a label name or '}'");
            }

            var labelName = line[start..i].ToString();
            SkipSpaces(line, ref i);
            Expect(line, ref i, '=', labelName);
            SkipSpaces(line, ref i);
            Expect(line, ref i, '"', labelName);
            labels[labelName] = ReadQuoted(line, ref i, labelName);
            SkipSpaces(line, ref i);
            if (i < line.Length && line[i] == ',')
            {
                i++;
            }
            else if (i >= line.Length || line[i] != '}')
            {
                throw new FormatException($"expected ',' or '}}' after label {labelName}");
            }
        }
    }

    private static string ReadQuoted(ReadOnlySpan<char> line, ref int i, string labelName)
    {
        var value = new StringBuilder();
        while (i < line.Length)
        {
            var c = line[i++];
            if (c == '"')
            {
                return value.ToString();
            }

            if (c != '\\')
            {
                value.Append(c);
                continue;
            }

            if (i >= line.Length)
            {
                break;
            }

            var escaped = line[i++];
            value.Append(escaped switch
            {
                'n' => '\n',
                '\\' => '\\',
                '"' => '"',
                _ => throw new FormatException($"unknown escape '\\{escaped}' in label {labelName}"),
            });
        }

        throw new FormatException($"unterminated value of label {labelName}");
    }

    private static double ParseValue(ReadOnlySpan<char> text) => text switch
    {
        "NaN" => double.NaN,
        "+Inf" or "Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) => value,
        _ => throw new FormatException($"'{text.ToString()}' is not a number"),
    };

    private static void Expect(ReadOnlySpan<char> line, ref int i, char expected, string labelName)
    {
        if (i >= line.Length || line[i] != expected)
        {
            throw new FormatException($"expected '{expected}' in label {labelName}");
        }

        i++;
    }

    private static void SkipSpaces(ReadOnlySpan<char> line, ref int i)
    {
        while (i < line.Length && line[i] is ' ' or '\t')
        {
            i++;
        }
    }

    private static bool IsNameChar(char c, bool first) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_' or ':' || (!first && c is >= '0' and <= '9');
}
