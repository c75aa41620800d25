using Telemetry.State;

namespace Telemetry.Rebalancing;

/// <summary>What the rebalancer reads from one data center each interval.</summary>
[GenerateSerializer, Immutable, Alias("telemetry.DataCenterSignals")]
public sealed record DataCenterSignals
{
    [Id(0)] public required DataCenterSummary Summary { get; init; }

    /// <summary>Nodes that report.</summary>
    [Id(1)] public int ReportingNodes { get; init; }

    /// <summary>Nodes with unhealthy GPUs, and drained nodes.</summary>
    [Id(2)] public NodeSignal[] Nodes { get; init; } = [];

    /// <summary>Running jobs, smallest first, at most <see cref="MaxJobs"/>: the candidates for migration.</summary>
    [Id(3)] public JobShare[] Jobs { get; init; } = [];

    /// <summary>
    /// Room on GPUs already divided between jobs (open ones, on reporting nodes), in GPUs: the free thousandths over 1000.
    /// Free GPUs alone would call a data center full of fractional work hot while it still takes fractions.
    /// </summary>
    [Id(4)] public double SharedFreeGpus { get; init; }

    /// <summary>When the data center last had no room for a placement of a tenant bound to it; null if never since its grain started.</summary>
    [Id(5)] public DateTimeOffset? BoundWorkTurnedAwayAt { get; init; }

    /// <summary>Jobs listed at most; the cheapest to move come first.</summary>
    public const int MaxJobs = 256;

    public string Id => Summary.Id;
}
