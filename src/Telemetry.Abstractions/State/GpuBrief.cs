using Telemetry.Health;

namespace Telemetry.State;

/// <summary>A GPU in short: what its node needs for its own health and summary, and what the node API lists.</summary>
[GenerateSerializer, Immutable, Alias("telemetry.GpuBrief")]
public sealed record GpuBrief
{
    [Id(0)] public required string Uuid { get; init; }
    [Id(1)] public required int Index { get; init; }
    [Id(2)] public required string Model { get; init; }
    [Id(3)] public string? JobId { get; init; }
    [Id(4)] public required HealthState Health { get; init; }

    /// <summary>Newest <c>gpu_util_pct</c>; null when not measured.</summary>
    [Id(5)] public double? UtilPct { get; init; }

    /// <summary>Newest <c>power_w</c>; null when not measured.</summary>
    [Id(6)] public double? PowerW { get; init; }

    /// <summary>Newest <c>gpu_temp_c</c>; null when not measured.</summary>
    [Id(7)] public double? TempC { get; init; }

    /// <summary>Newest free frame buffer (total − used), MiB; null when not measured.</summary>
    [Id(8)] public double? FbFreeMib { get; init; }

    /// <summary>Newest <c>power_limit_w</c>; null when not measured.</summary>
    [Id(9)] public double? PowerLimitW { get; init; }

    /// <summary>Newest <c>fb_total_mib</c>; null when not measured. Placement refuses memory no GPU has.</summary>
    [Id(10)] public double? FbTotalMib { get; init; }

    /// <summary>True while the GPU's job judges it a straggler (docs/health.md, "Stragglers").</summary>
    [Id(11)] public bool Straggler { get; init; }
}
