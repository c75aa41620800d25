using Telemetry.Placement;
using Telemetry.State;

namespace Telemetry.Grains;

/// <summary>
/// What a node grain writes to durable storage after every applied report: the last applied seq of its
/// recent exporter instances, so no report is applied twice even when the node grain moves to another silo,
/// the node as last seen, so it reads the same after a failover until its next report, and its reservations and drain flag.
/// </summary>
[GenerateSerializer, Alias("telemetry.NodeDurableState")]
public sealed class NodeDurableState
{
    [Id(0)] public List<BootSeq> Boots { get; set; } = [];

    [Id(1)] public DateTimeOffset? LastReportAt { get; set; }

    [Id(2)] public GpuBrief[] Gpus { get; set; } = [];

    [Id(3)] public long Reports { get; set; }

    /// <summary>Reservations holding GPUs of this node; written when they change, so a hold survives a failover.</summary>
    [Id(4)] public List<GpuHold> Holds { get; set; } = [];

    [Id(5)] public bool Drained { get; set; }

    [Id(6)] public string? DrainReason { get; set; }

    /// <summary>Shares of GPUs whose job runs, one GPU each: they end when telemetry stops showing the job.</summary>
    [Id(7)] public List<GpuHold> RunningShares { get; set; } = [];

    /// <summary>The node's averaged report interval, so silence is judged by its cadence after the grain moves.</summary>
    [Id(8)] public TimeSpan? ReportInterval { get; set; }

    /// <summary>Since when each running job has run here, so an evacuation after the grain moves still knows what a job has at stake.</summary>
    [Id(9)] public Dictionary<string, DateTimeOffset>? JobsSince { get; set; }
}
