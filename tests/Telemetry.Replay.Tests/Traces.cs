using Telemetry.Replay.Engines;
using Telemetry.Replay.Fleet;
using Telemetry.Replay.Policies;
using Telemetry.Replay.Trace;

namespace Telemetry.Replay.Tests;

/// <summary>Small hand-made traces and fleets whose right answers are worked out in each test.</summary>
internal static class Traces
{
    public static IReadOnlyList<TraceNode> Nodes(params (int Gpus, string Model)[] nodes) =>
        [.. nodes.Select((n, i) => new TraceNode($"n{i}", n.Gpus, n.Model, 0, 0))];

    public static IReadOnlyList<TraceNode> Nodes(params int[] gpus) => Nodes([.. gpus.Select(g => (g, "T4"))]);

    /// <summary>A task of <paramref name="gpus"/> GPUs (or a share <paramref name="milli"/> of one).</summary>
    public static TraceTask Task(string name, int gpus, int milli = 1000, long? created = null, long? deleted = null, params string[] models) =>
        new(name, gpus, gpus == 1 ? milli : gpus == 0 ? 0 : 1000, models, created, deleted);

    public static ReplayRun Run(ReplayFleet fleet, IPlacementPolicy policy, TenantPlan? tenants = null, IReplayLink? link = null, bool rebalance = false) =>
        new(fleet, policy, tenants ?? TenantPlan.None, link ?? OfflineLink.Instance, rebalance);

    public static IPlacementPolicy Policy(string name, TenantPlan? tenants = null, int seed = 1) => name switch
    {
        PolicyNames.FirstFit => new FirstFitPolicy(tenants ?? TenantPlan.None),
        PolicyNames.BestFit => new BestFitPolicy(tenants ?? TenantPlan.None),
        PolicyNames.Random => new RandomPolicy(tenants ?? TenantPlan.None, seed),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    /// <summary>The shared trace folder beside the repository (../shared/traces), failing loudly when it is missing.</summary>
    public static string Shared(string file)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Telemetry.sln")))
        {
            dir = dir.Parent;
        }

        var path = Path.GetFullPath(Path.Combine(dir?.FullName ?? ".", "..", "shared", "traces", "alibaba-gpu-v2023", file));
        Assert.True(File.Exists(path), $"{path} is missing: the tests read the Alibaba GPU trace from ../shared/traces beside the repository");
        return path;
    }
}
