namespace Telemetry.Exporter.Sources.Dcgm;

/// <summary>One series' value in a Prometheus text exposition: <c>name{labels} value</c>.</summary>
/// <param name="Name">The metric name, e.g. <c>DCGM_FI_DEV_GPU_UTIL</c>.</param>
/// <param name="Labels">Label values by name, unescaped.</param>
/// <param name="Value">The sample value (NaN and ±Inf allowed).</param>
internal sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    /// <summary>The label's value, or null when the series lacks it or it is empty.</summary>
    public string? Label(string name) => Labels.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
}
