using Telemetry.Health;

namespace Telemetry.State;

/// <summary>What a node tells its data center: sent when it changes materially, or as a heartbeat.</summary>
[GenerateSerializer, Immutable, Alias("telemetry.NodeSummary")]
public sealed record NodeSummary
{
    [Id(0)] public required string NodeId { get; init; }
    [Id(1)] public required HealthState Health { get; init; }
    [Id(2)] public required HealthCounts GpusByHealth { get; init; }
    [Id(3)] public int FreeGpus { get; init; }
    [Id(4)] public bool Drained { get; init; }

    /// <summary>Newest <c>gpu_util_pct</c> of each GPU that measured it.</summary>
    [Id(5)] public double[] GpuUtilPct { get; init; } = [];

    /// <summary>Summed newest <c>power_w</c> of the node's GPUs.</summary>
    [Id(6)] public double PowerW { get; init; }
    [Id(7)] public DateTimeOffset? LastReportAt { get; init; }
    [Id(8)] public string? Model { get; init; }

    /// <summary>Each GPU in short, by index: the dashboard's heat map draws one cell per GPU from these.</summary>
    [Id(16)] public GpuBrief[] GpuBriefs { get; init; } = [];

    public int Gpus => GpusByHealth.Total;
}
