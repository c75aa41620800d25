using Telemetry.Health;

namespace Telemetry.State;

/// <summary>A GPU's live state as the API serves it (API.md, <c>GET /api/v1/gpus/{uuid}</c>).</summary>
[GenerateSerializer, Immutable, Alias("telemetry.GpuSnapshot")]
public sealed record GpuSnapshot
{
    [Id(0)] public required string Uuid { get; init; }
    [Id(1)] public required string Node { get; init; }
    [Id(2)] public required string DataCenter { get; init; }
    [Id(3)] public required int Index { get; init; }
    [Id(4)] public required string Model { get; init; }
    [Id(5)] public string? JobId { get; init; }
    [Id(6)] public required HealthVerdict Health { get; init; }
    [Id(7)] public DateTimeOffset? LastSampleAt { get; init; }

    /// <summary>Samples applied, all time.</summary>
    [Id(8)] public long Samples { get; init; }

    /// <summary>The newest sample's values by field name; fields not measured are left out.</summary>
    [Id(9)] public required IReadOnlyDictionary<string, double> Last { get; init; }

    /// <summary>Window name (<c>10s</c>, <c>1m</c>, <c>5m</c>) → field name → statistics.</summary>
    [Id(10)] public required IReadOnlyDictionary<string, IReadOnlyDictionary<string, WindowStats>> Windows { get; init; }

    [Id(11)] public DateTimeOffset? ReservedUntil { get; init; }

    /// <summary>The last XIDs (at most 100), newest first.</summary>
    [Id(12)] public XidEvent[] Xids { get; init; } = [];

    /// <summary>Thousandths of the GPU held or in use (1000 when whole), asked of the GPU's node.</summary>
    [Id(13)] public int UsedMilli { get; init; }

    /// <summary>The reservations and jobs sharing the GPU (one whole claim when it is not shared), asked of its node.</summary>
    [Id(14)] public GpuClaim[] Claims { get; init; } = [];
}
