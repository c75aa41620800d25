using System.Globalization;
using System.Text;

namespace Telemetry.Silo.Metrics;

/// <summary>Writes the Prometheus text exposition format (version 0.0.4).</summary>
public sealed class PrometheusText
{
    private readonly StringBuilder _text = new();

    public PrometheusText Metric(string name, string type, string help)
    {
        _text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
        _text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        return this;
    }

    public PrometheusText Sample(string name, double value, string? labels = null)
    {
        _text.Append(name);
        if (labels is not null)
        {
            _text.Append('{').Append(labels).Append('}');
        }

        _text.Append(' ').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        return this;
    }

    /// <summary>A label value with Prometheus' escapes.</summary>
    public static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    public override string ToString() => _text.ToString();
}
