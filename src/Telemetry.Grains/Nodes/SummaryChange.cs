using Telemetry.State;

namespace Telemetry.Grains.Nodes;

/// <summary>Decides whether a node's summary moved enough to tell its data center before the next heartbeat.</summary>
public static class SummaryChange
{
    /// <summary>Mean utilization must move this many percentage points to count.</summary>
    public const double UtilizationPoints = 5;

    /// <summary>Power must move by this share to count.</summary>
    public const double PowerShare = 0.10;

    /// <summary>True when health, free GPUs, drain state changed, or utilization or power moved materially.</summary>
    public static bool IsMaterial(NodeSummary previous, NodeSummary current) =>
        previous.Health != current.Health
        || previous.GpusByHealth != current.GpusByHealth
        || previous.FreeGpus != current.FreeGpus
        || previous.Drained != current.Drained
        || Math.Abs(Mean(previous.GpuUtilPct) - Mean(current.GpuUtilPct)) >= UtilizationPoints
        || Math.Abs(previous.PowerW - current.PowerW) > PowerShare * Math.Max(previous.PowerW, 1);

    private static double Mean(double[] values) => values.Length == 0 ? 0 : values.Average();
}
