using Telemetry.Exporter.Simulation;

namespace Telemetry.Replay.Fleet;

/// <summary>
/// Maps the trace's model names to what their simulated GPUs report. P100, T4, V100 and A10 get their
/// published board figures; G1–G3, which the trace leaves undisclosed, and any other name get a generic
/// data-center GPU (300 W, 32 GiB) named <c>Undisclosed &lt;name&gt;</c>, so placement can still ask for them by model.
/// </summary>
public static class TraceModels
{
    private static readonly Dictionary<string, GpuModelSpec> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["P100"] = new("Tesla P100-PCIE-16GB", 250, 30, 16_280, 1329, 544, 715, 80, 0, 16e9),
        ["T4"] = new("Tesla T4", 70, 10, 15_360, 1590, 300, 5001, 80, 0, 16e9),
        ["V100M16"] = new("Tesla V100-SXM2-16GB", 300, 40, 16_160, 1530, 135, 877, 82, 150e9, 16e9),
        ["V100M32"] = new("Tesla V100-SXM2-32GB", 300, 40, 32_510, 1530, 135, 877, 82, 150e9, 16e9),
        ["A10"] = new("NVIDIA A10", 150, 20, 23_028, 1695, 210, 6251, 82, 0, 32e9),
    };

    /// <summary>What GPUs of <paramref name="traceModel"/> report.</summary>
    public static GpuModelSpec Reported(string traceModel) =>
        Known.TryGetValue(traceModel, out var model) ? model : new GpuModelSpec($"Undisclosed {traceModel}", 300, 40, 32_768, 1500, 300, 1200, 82, 0, 32e9);
}
