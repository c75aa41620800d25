using Telemetry.Fields;

namespace Telemetry.Exporter.Sources;

/// <summary>
/// One GPU's values at one moment, as a source read them. <see cref="Values"/> has a column per field id
/// (column = id − 1, NaN = not measured); the counter columns (<see cref="CounterFields"/>) hold the device's
/// running totals, which <see cref="CounterDeltas"/> turns into the deltas the wire format carries.
/// </summary>
public sealed record GpuReading
{
    /// <summary>GPU index on the node, 0–63.</summary>
    public required int Index { get; init; }

    /// <summary>GPU UUID, e.g. <c>GPU-5f2c…</c>.</summary>
    public required string Uuid { get; init; }

    /// <summary>Model name, e.g. <c>NVIDIA H200</c>.</summary>
    public required string Model { get; init; }

    /// <summary>The job using the GPU (Slurm job, or Kubernetes namespace/pod), or null when unknown or idle.</summary>
    public string? JobId { get; init; }

    /// <summary><see cref="FieldCatalog.Count"/> values; counters as running totals.</summary>
    public required double[] Values { get; init; }

    /// <summary>XID codes raised since the previous reading of this GPU.</summary>
    public IReadOnlyList<int> Xids { get; init; } = [];

    /// <summary>Fields that sources read as running totals and the wire format carries as deltas.</summary>
    public static IReadOnlyList<int> CounterFields { get; } =
        [FieldCatalog.EccSbeDelta, FieldCatalog.EccDbeDelta, FieldCatalog.NvlinkCrcErrorsDelta, FieldCatalog.PcieReplayDelta];

    /// <summary>A row of NaN, to fill in.</summary>
    public static double[] EmptyValues()
    {
        var values = new double[FieldCatalog.Count];
        Array.Fill(values, double.NaN);
        return values;
    }
}
