namespace Telemetry.Replay.Fleet;

/// <summary>
/// Maps the trace's model names to what their GPUs report. P100, T4, V100 and A10 get their published board
/// figures; G1–G3, which the trace leaves undisclosed, and any other name get a generic data-center GPU
/// (300 W, 32 GiB) named <c>Undisclosed &lt;name&gt;</c>, so placement can still ask for them by model.
/// </summary>
public static class TraceModels
{
    private static readonly Dictionary<string, ReportedModel> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["P100"] = new("Tesla P100-PCIE-16GB", 250, 30, 16_280, 1329, 80),
        ["T4"] = new("Tesla T4", 70, 10, 15_360, 1590, 80),
        ["V100M16"] = new("Tesla V100-SXM2-16GB", 300, 40, 16_160, 1530, 82),
        ["V100M32"] = new("Tesla V100-SXM2-32GB", 300, 40, 32_510, 1530, 82),
        ["A10"] = new("NVIDIA A10", 150, 20, 23_028, 1695, 82),
    };

    /// <summary>What GPUs of <paramref name="traceModel"/> report.</summary>
    public static ReportedModel Reported(string traceModel) =>
        Known.TryGetValue(traceModel, out var model) ? model : new ReportedModel($"Undisclosed {traceModel}", 300, 40, 32_768, 1500, 82);
}
