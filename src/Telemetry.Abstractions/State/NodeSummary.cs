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

    /// <summary>UUIDs of the GPUs a job could get now: healthy, reporting, without a job, not reserved, node undrained.</summary>
    [Id(9)] public string[] FreeGpuUuids { get; init; } = [];

    /// <summary>The least free frame buffer among the free GPUs, MiB; null when not measured.</summary>
    [Id(10)] public double? FreeMemoryMib { get; init; }

    /// <summary>Thermal and power headroom, 0 (at a limit) to 1 (idle and cool): the lesser of the two.</summary>
    [Id(11)] public double Headroom { get; init; } = 1;

    [Id(12)] public string? DrainReason { get; init; }

    /// <summary>Jobs running on the node and their GPUs.</summary>
    [Id(13)] public JobShare[] Jobs { get; init; } = [];

    /// <summary>Each GPU in short, by index: the dashboard's heat map draws one cell per GPU from these.</summary>
    [Id(16)] public GpuBrief[] GpuBriefs { get; init; } = [];

    /// <summary>GPUs divided between jobs or reservations (never in <see cref="FreeGpuUuids"/>): where fractions go first.</summary>
    [Id(17)] public SharedGpu[] SharedGpus { get; init; } = [];

    public int Gpus => GpusByHealth.Total;
}
