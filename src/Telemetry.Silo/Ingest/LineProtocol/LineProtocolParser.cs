using System.Globalization;
using System.Text;

namespace Telemetry.Silo.Ingest.LineProtocol;

/// <summary>
/// Reads InfluxDB line protocol: <c>measurement[,tag=value…] field=value[,field=value…] [timestamp]</c>, with its
/// escaping rules (<c>\,</c> and <c>\ </c> in measurements; <c>\,</c>, <c>\=</c> and <c>\ </c> in tag keys, tag values
/// and field keys; <c>\"</c> and <c>\\</c> in double-quoted string fields), <c>i</c> and <c>u</c> integer suffixes,
/// and <c>t</c>/<c>true</c>/<c>f</c>/<c>false</c> booleans in any of the documented casings. Blank lines and
/// <c>#</c> comments are skipped.
/// </summary>
public static class LineProtocolParser
{
    /// <exception cref="LineProtocolException">A line is malformed; the message names it and says what is wrong.</exception>
    public static List<LinePoint> Parse(string body)
    {
        var points = new List<LinePoint>();
        var number = 0;
        foreach (var raw in body.AsSpan().EnumerateLines())
        {
            number++;
            var line = raw.TrimStart();
            if (line.IsEmpty || line[0] == '#')
            {
                continue;
            }

            try
            {
                points.Add(ParseLine(number, line.TrimEnd()));
            }
            catch (FormatException e)
            {
                throw new LineProtocolException($"line {number}: {e.Message}", e);
            }
        }

        return points;
    }

    private static LinePoint ParseLine(int number, ReadOnlySpan<char> line)
    {
        var i = 0;
        var measurement = ReadToken(line, ref i, ", ", escapable: ", ", what: "measurement");
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        while (i < line.Length && line[i] == ',')
        {
            i++;
            var key = ReadToken(line, ref i, "=", escapable: ",= ", what: "tag key");
            Expect(line, ref i, '=', $"'=' after tag key {key}");
            tags[key] = ReadToken(line, ref i, ", ", escapable: ",= ", what: $"value of tag {key}");
        }

        Expect(line, ref i, ' ', "a space before the fields");
        var fields = new Dictionary<string, LineValue>(StringComparer.Ordinal);
        do
        {
            var key = ReadToken(line, ref i, "=", escapable: ",= ", what: "field key");
            Expect(line, ref i, '=', $"'=' after field key {key}");
            fields[key] = ReadFieldValue(line, ref i, key);
        }
        while (i < line.Length && line[i] == ',' && ++i > 0);

        long? timestamp = null;
        if (i < line.Length)
        {
            Expect(line, ref i, ' ', "a space before the timestamp");
            var text = line[i..].Trim();
            timestamp = long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var t)
                ? t
                : throw new FormatException($"'{text.ToString()}' is not an integer timestamp");
        }

        return new LinePoint(number, measurement, tags, fields, timestamp);
    }

    /// <summary>Reads up to an unescaped stop character; a backslash escapes only the characters in <paramref name="escapable"/>.</summary>
    private static string ReadToken(ReadOnlySpan<char> line, ref int i, string stops, string escapable, string what)
    {
        var text = new StringBuilder();
        while (i < line.Length && !stops.Contains(line[i], StringComparison.Ordinal))
        {
            if (line[i] == '\\' && i + 1 < line.Length && (escapable.Contains(line[i + 1], StringComparison.Ordinal) || line[i + 1] == '\\'))
            {
                i++;
            }

            text.Append(line[i++]);
        }

        return text.Length > 0 ? text.ToString() : throw new FormatException($"empty {what}");
    }

    private static LineValue ReadFieldValue(ReadOnlySpan<char> line, ref int i, string key)
    {
        if (i < line.Length && line[i] == '"')
        {
            i++;
            var text = new StringBuilder();
            while (i < line.Length && line[i] != '"')
            {
                if (line[i] == '\\' && i + 1 < line.Length && line[i + 1] is '"' or '\\')
                {
                    i++;
                }

                text.Append(line[i++]);
            }

            Expect(line, ref i, '"', $"a closing quote for field {key}");
            return new LineValue(double.NaN, text.ToString());
        }

        var start = i;
        while (i < line.Length && line[i] is not (',' or ' '))
        {
            i++;
        }

        var raw = line[start..i];
        return raw switch
        {
            "t" or "T" or "true" or "True" or "TRUE" => new LineValue(1),
            "f" or "F" or "false" or "False" or "FALSE" => new LineValue(0),
            [.. var digits, 'i'] when long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) => new LineValue(integer),
            [.. var digits, 'u'] when ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var unsigned) => new LineValue(unsigned),
            _ when raw.Length > 0 && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) => new LineValue(number),
            _ => throw new FormatException($"field {key} has the value '{raw.ToString()}', which is not a number, integer (i/u), boolean or quoted string"),
        };
    }

    private static void Expect(ReadOnlySpan<char> line, ref int i, char expected, string what)
    {
        if (i >= line.Length || line[i] != expected)
        {
            throw new FormatException(i >= line.Length ? $"the line ends where {what} was expected" : $"expected {what} at column {i + 1}");
        }

        i++;
    }
}
