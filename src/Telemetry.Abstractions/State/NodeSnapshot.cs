using Telemetry.Health;

namespace Telemetry.State;

/// <summary>A node's live state as the API serves it (API.md, <c>GET /api/v1/nodes/{dc}/{host}</c>).</summary>
[GenerateSerializer, Immutable, Alias("telemetry.NodeSnapshot")]
public sealed record NodeSnapshot
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string DataCenter { get; init; }
    [Id(2)] public required string Host { get; init; }

    /// <summary>The worst of its GPUs' states and its own checks (exporter silent, clock skew).</summary>
    [Id(3)] public required HealthVerdict Health { get; init; }
    [Id(4)] public bool Drained { get; init; }
    [Id(5)] public string? DrainReason { get; init; }
    [Id(6)] public required IReadOnlyDictionary<string, double> Gauges { get; init; }
    [Id(7)] public DateTimeOffset? LastReportAt { get; init; }

    /// <summary>GPUs that are healthy, reporting, without a job and not reserved, on an undrained node.</summary>
    [Id(8)] public int FreeGpus { get; init; }

    /// <summary>Mean interval between the node's reports, seconds, as the server saw them arrive.</summary>
    [Id(9)] public double? ReportIntervalSeconds { get; init; }
    [Id(10)] public required GpuBrief[] Gpus { get; init; }

    /// <summary>The exporter instance (bootId) and the last applied seq.</summary>
    [Id(11)] public string? BootId { get; init; }
    [Id(12)] public ulong LastSeq { get; init; }
    [Id(13)] public long Reports { get; init; }

    /// <summary>Every claim on the node's GPUs: reservations, shares of running jobs, and jobs telemetry shows.</summary>
    [Id(14)] public GpuClaim[] Claims { get; init; } = [];
}
