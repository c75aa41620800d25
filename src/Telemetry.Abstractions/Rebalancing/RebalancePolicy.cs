namespace Telemetry.Rebalancing;

/// <summary>
/// How the rebalancer decides (API.md, <c>GET/PUT /api/v1/rebalance/policy</c>): thresholds with hysteresis
/// (a state is entered at one value and left at another), cooldowns, rate limits, the circuit breaker and tenants.
/// </summary>
[GenerateSerializer, Immutable, Alias("telemetry.RebalancePolicy")]
public sealed record RebalancePolicy
{
    /// <summary>Record and publish decisions, but set no admission weight or drain flag.</summary>
    [Id(0)] public bool DryRun { get; init; }

    /// <summary>A data center turns hot when its free share of reporting GPUs falls to this (0–1). Default 0.05.</summary>
    [Id(1)] public double HotEnterFreeShare { get; init; } = 0.05;

    /// <summary>…and cools when the free share is back above this. Default 0.15.</summary>
    [Id(2)] public double HotExitFreeShare { get; init; } = 0.15;

    /// <summary>A data center turns degraded when this share of its reporting GPUs is degraded or unhealthy. Default 0.2.</summary>
    [Id(3)] public double DegradedEnterShare { get; init; } = 0.2;

    /// <summary>…and recovers when the share is back below this. Default 0.1.</summary>
    [Id(4)] public double DegradedExitShare { get; init; } = 0.1;

    /// <summary>Admission weight of a hot or degraded data center (normal is 1). Default 0.25.</summary>
    [Id(5)] public double ReducedAdmissionWeight { get; init; } = 0.25;

    /// <summary>
    /// A job moves only when the source's pressure (the larger of its used and degraded shares) exceeds the target's by
    /// this much: the cost of moving. Default 0.1, so a full data center sheds work to one with a fifth of its GPUs free.
    /// </summary>
    [Id(6)] public double MigrationMinGain { get; init; } = 0.1;

    /// <summary>After a shift or migration between two data centers, no other one between them for this long. Default 300 s.</summary>
    [Id(7)] public int PairCooldownSeconds { get; init; } = 300;

    /// <summary>A job is not moved again for this long. Default 3600 s.</summary>
    [Id(8)] public int JobCooldownSeconds { get; init; } = 3600;

    /// <summary>At most this many migrations and drains per interval. Default 5.</summary>
    [Id(9)] public int MaxMovesPerInterval { get; init; } = 5;

    /// <summary>
    /// A node is drained, and held drained until its repair, with this many unhealthy GPUs. Default 4 (half of an 8-GPU
    /// node): with fewer, moving its jobs off (<see cref="EvacuateUnhealthyGpus"/>) saves their work at less cost in capacity.
    /// </summary>
    [Id(10)] public int DrainUnhealthyGpus { get; init; } = 4;

    /// <summary>A drained node with no unhealthy GPU is undrained after it has been clean this long. Default 60 s.</summary>
    [Id(11)] public int UndrainAfterSeconds { get; init; } = 60;

    /// <summary>The breaker trips when this share of a data center's nodes turned unhealthy within the window. Default 0.5.</summary>
    [Id(12)] public double BreakerShare { get; init; } = 0.5;

    /// <summary>The breaker's window. Default 300 s (NVSentinel's 50 % of nodes in 5 minutes).</summary>
    [Id(13)] public int BreakerWindowSeconds { get; init; } = 300;

    /// <summary>A proposed decision not acknowledged within this long expires. Default 900 s.</summary>
    [Id(14)] public int DecisionTtlSeconds { get; init; } = 900;

    /// <summary>A data center with fewer of its nodes reporting than this share is dark: no new work, an alert. Default 0.5.</summary>
    [Id(15)] public double DarkReportingShare { get; init; } = 0.5;

    /// <summary>
    /// When a node first has this many unhealthy GPUs, the jobs then running on its other GPUs are migrated off it, since
    /// a GPU fault is often its node's and strikes its siblings next. 0 turns it off. Default 1.
    /// </summary>
    [Id(18)] public int EvacuateUnhealthyGpus { get; init; } = 1;

    /// <summary>
    /// An evacuation moves only jobs that have run on the node at least this long (seconds): a younger job has less work
    /// to lose to a second fault than a restart costs (with a sibling failing at about one in seven per repair hour, a job
    /// must have run some seven restarts' worth for the move to pay), and the restart comes out of the room queued work
    /// waits for. 0 moves every job. Default 1800.
    /// </summary>
    [Id(19)] public int EvacuateMinJobAgeSeconds { get; init; } = 1800;

    /// <summary>
    /// How long (seconds) a placement that a data center had no room for counts as work waiting for it. A hot data center
    /// sheds running jobs (<c>migrate</c>) only while it turned away work of a tenant bound to it within this window: when
    /// every request may run anywhere, moving running work between data centers adds no room, only restarts (new work is
    /// steered by the admission weight instead). And no move (an evacuation's or a migration's) takes a job into a data
    /// center that turned away work no larger than the job within it: the job would take room that queued work waits for. Degraded data
    /// centers shed regardless. 0 ignores turned-away work: hot data centers shed whenever hot, moves go wherever there is
    /// room. Default 300.
    /// </summary>
    [Id(20)] public int TurnedAwayWindowSeconds { get; init; } = 300;

    /// <summary>Tenant → the data centers it may run in. A tenant not listed (or no tenant) may run anywhere.</summary>
    [Id(16)] public IReadOnlyDictionary<string, string[]> TenantDataCenters { get; init; } = new Dictionary<string, string[]>();

    /// <summary>
    /// Propose draining the node of a GPU its job judges a straggler, and undraining it once no GPU of it has been one for
    /// <see cref="UndrainAfterSeconds"/>. Default false: a straggler is a degraded GPU, not a broken one, so this is opt-in.
    /// </summary>
    [Id(17)] public bool DrainStragglerNodes { get; init; }

    /// <summary>True when <paramref name="tenant"/> may run in <paramref name="dataCenter"/>.</summary>
    public bool Allows(string? tenant, string dataCenter) =>
        tenant is null || !TenantDataCenters.TryGetValue(tenant, out var allowed) || allowed.Contains(dataCenter, StringComparer.Ordinal);
}
