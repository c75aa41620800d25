using System.Globalization;
using System.Text;

namespace Telemetry.Silo.Sink;

/// <summary>
/// Writes one point of InfluxDB line protocol (<c>measurement,tag=v field=1,other="s" timestamp-ns</c>) with its
/// escapes. Empty tags and NaN fields are left out: InfluxDB rejects an empty tag value and has no NaN.
/// </summary>
public sealed class LineProtocol
{
    private readonly StringBuilder _line;
    private bool _anyField;

    /// <param name="measurement">The measurement's name.</param>
    /// <param name="capacity">Characters to reserve, so that a long point (a GPU rollup is about 1.5 KB) is built without regrowing.</param>
    public LineProtocol(string measurement, int capacity = 256)
    {
        _line = new StringBuilder(capacity);
        Escape(measurement, ", ");
    }

    public LineProtocol Tag(string key, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return this;
        }

        _line.Append(',');
        Escape(key, ",= ");
        _line.Append('=');
        Escape(value, ",= ");
        return this;
    }

    public LineProtocol Field(string key, double value)
    {
        if (double.IsFinite(value))
        {
            // Formatted into the builder (shortest round-trip form), not through a string per value.
            FieldKey(key).Append(CultureInfo.InvariantCulture, $"{value}");
        }

        return this;
    }

    public LineProtocol Field(string key, long value)
    {
        FieldKey(key).Append(CultureInfo.InvariantCulture, $"{value}i");
        return this;
    }

    public LineProtocol Field(string key, bool value)
    {
        FieldKey(key).Append(value ? "true" : "false");
        return this;
    }

    public LineProtocol Field(string key, string? value)
    {
        if (value is null)
        {
            return this;
        }

        FieldKey(key).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"' or '\\':
                    _line.Append('\\').Append(c);
                    break;
                case '\n' or '\r':
                    // Line protocol ends a point at a newline; inside a string it becomes a space.
                    _line.Append(' ');
                    break;
                default:
                    _line.Append(c);
                    break;
            }
        }

        _line.Append('"');
        return this;
    }

    /// <summary>Ends the point; null when it has no field (line protocol needs one).</summary>
    public string? At(long unixNanoseconds) =>
        _anyField ? _line.Append(CultureInfo.InvariantCulture, $" {unixNanoseconds}").ToString() : null;

    private StringBuilder FieldKey(string key)
    {
        _line.Append(_anyField ? ',' : ' ');
        _anyField = true;
        Escape(key, ",= ");
        return _line.Append('=');
    }

    private void Escape(string text, string special)
    {
        foreach (var c in text)
        {
            if (special.Contains(c, StringComparison.Ordinal))
            {
                _line.Append('\\');
            }

            // A newline cannot be escaped in a key; it would end the point.
            _line.Append(c is '\n' or '\r' ? ' ' : c);
        }
    }
}
