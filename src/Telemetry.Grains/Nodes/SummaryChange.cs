using Telemetry.State;

namespace Telemetry.Grains.Nodes;

/// <summary>Decides whether a node's summary moved enough to tell its data center before the next heartbeat.</summary>
public static class SummaryChange
{
    /// <summary>Mean utilization must move this many percentage points to count.</summary>
    public const double UtilizationPoints = 5;

    /// <summary>Power must move by this share to count.</summary>
    public const double PowerShare = 0.10;

    /// <summary>Headroom must move this much (0–1) to count.</summary>
    public const double HeadroomStep = 0.1;

    /// <summary>The least free memory of the free GPUs must move this many MiB to count.</summary>
    public const double FreeMemoryMib = 1024;

    /// <summary>
    /// True when health, free GPUs (which ones, too), shared GPUs, drain state, model or jobs changed, or utilization, power,
    /// headroom or free memory moved materially: everything the placement index and the rebalancer read.
    /// </summary>
    public static bool IsMaterial(NodeSummary previous, NodeSummary current) =>
        previous.Health != current.Health
        || previous.GpusByHealth != current.GpusByHealth
        || previous.FreeGpus != current.FreeGpus
        || previous.Drained != current.Drained
        || !previous.FreeGpuUuids.AsSpan().SequenceEqual(current.FreeGpuUuids)
        || !previous.SharedGpus.AsSpan().SequenceEqual(current.SharedGpus)
        || !string.Equals(previous.Model, current.Model, StringComparison.Ordinal)
        || !previous.Jobs.AsSpan().SequenceEqual(current.Jobs)
        || Math.Abs(previous.Headroom - current.Headroom) >= HeadroomStep
        || Math.Abs((previous.FreeMemoryMib ?? 0) - (current.FreeMemoryMib ?? 0)) >= FreeMemoryMib
        || Math.Abs(Mean(previous.GpuUtilPct) - Mean(current.GpuUtilPct)) >= UtilizationPoints
        || Math.Abs(previous.PowerW - current.PowerW) > PowerShare * Math.Max(previous.PowerW, 1);

    private static double Mean(double[] values) => values.Length == 0 ? 0 : values.Average();
}
