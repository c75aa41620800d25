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

    /// <summary>
    /// When the data center last had no room for a placement it was asked for, by the placement's size: entry <c>i</c> for
    /// <c>i + 1</c> GPUs (a fraction of one counts as one), the last for <see cref="SizesTracked"/> or more; null where
    /// never since its grain started.
    /// </summary>
    [Id(6)] public DateTimeOffset?[] WorkTurnedAwayAt { get; init; } = [];

    /// <summary>Placement sizes told apart in <see cref="WorkTurnedAwayAt"/>.</summary>
    public const int SizesTracked = 8;

    /// <summary>
    /// True when the data center turned away, within <paramref name="windowSeconds"/>, a placement no larger than
    /// <paramref name="gpus"/>: a job of that size moved in would take room such work waits for.
    /// </summary>
    public bool Waits(int gpus, int windowSeconds, DateTimeOffset now)
    {
        for (var i = 0; i < Math.Min(Math.Max(gpus, 1), WorkTurnedAwayAt.Length); i++)
        {
            if (Within(WorkTurnedAwayAt[i], windowSeconds, now))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="at"/> is within <paramref name="windowSeconds"/> of <paramref name="now"/> (a window of 0 holds nothing).</summary>
    public static bool Within(DateTimeOffset? at, int windowSeconds, DateTimeOffset now) =>
        windowSeconds > 0 && at is { } t && now - t <= TimeSpan.FromSeconds(windowSeconds);

    /// <summary>Jobs listed at most; the cheapest to move come first.</summary>
    public const int MaxJobs = 256;

    public string Id => Summary.Id;
}
