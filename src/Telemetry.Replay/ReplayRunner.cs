using System.Security.Cryptography;
using Telemetry.Replay.Engines;
using Telemetry.Replay.Fleet;
using Telemetry.Replay.Live;
using Telemetry.Replay.Policies;
using Telemetry.Replay.Results;
using Telemetry.Replay.Trace;

namespace Telemetry.Replay;

/// <summary>
/// Runs each asked policy on its own fresh fleet over the same trace, order and seed, and writes the
/// summary, the series and (with a <see cref="ChartDrawer"/>) the charts. Names are prefixed per policy and per invocation (<c>ff-3a1c-</c>) so runs never mix.
/// </summary>
public sealed class ReplayRunner(ReplayOptions options, IReplayClusterConnector? cluster, Action<string> progress, ChartDrawer? charts = null)
{
    /// <summary>Reads the trace and node list (throws <see cref="TraceFormatException"/>), runs, writes, returns the results.</summary>
    public async Task<IReadOnlyList<PolicyResult>> RunAsync(CancellationToken cancellationToken)
    {
        var trace = TraceReader.Read(options.TracePath);
        var nodes = NodeListReader.Read(options.NodesPath);
        var tag = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(2));
        var results = new List<PolicyResult>();
        foreach (var name in options.Policies)
        {
            var prefix = $"{PolicyNames.Prefix(name)}{tag}-";
            var fleet = new ReplayFleet(nodes, options.DataCenters, prefix);
            var tenants = options.TenantsPath is { } path ? TenantsFile.Read(path, options.DataCenters, prefix) : TenantPlan.None;
            await using var link = cluster is null ? null : await cluster.ConnectAsync(fleet, tenants, options, cancellationToken).ConfigureAwait(false);
            var policy = Policy(name, tenants, link);
            var run = new ReplayRun(fleet, policy, tenants, (IReplayLink?)link ?? OfflineLink.Instance, options.Rebalance);
            progress($"{name}: {fleet.Nodes.Count} nodes, {fleet.CapacityGpus} GPUs in {fleet.DataCenters.Count} data centers ({prefix}dc1…)");
            var result = options.Mode == ReplayModes.Timeline
                ? await new TimelineEngine(run, link is null ? InstantClock.Instance : new PacedClock(TimeProvider.System, options.Speed, options.Window.From ?? trace.Min(t => (double)(t.CreatedAt ?? 0))), new FaultPlan(options.FaultsPerGpuHour))
                {
                    Window = options.Window,
                    Load = options.Load,
                    Progress = progress,
                }.RunAsync(trace, options.Seed, cancellationToken).ConfigureAwait(false)
                : await new PackingEngine(run) { Progress = progress }.RunAsync(trace, options.Seed, cancellationToken).ConfigureAwait(false);
            results.Add(result);
            progress($"{name}: done in {result.WallSeconds:F1} s");
        }

        SummaryWriter.Write(options.OutDirectory, results, $"Replay of {Path.GetFileName(options.TracePath)} on {Path.GetFileName(options.NodesPath)} ({options.Mode}, seed {options.Seed})");
        SeriesWriter.Write(options.OutDirectory, results);
        progress(charts?.Invoke(options.OutDirectory, results) is { } chart ? $"chart: {chart}" : "charts: not in this build (build the exporter with -p:ReplayCharts=true); the series are in series.csv");

        return results;
    }

    private IPlacementPolicy Policy(string name, TenantPlan tenants, IReplayCluster? link) => name switch
    {
        PolicyNames.Silo => new SiloPolicy(link?.Silo ?? throw new InvalidOperationException("policy silo needs --server"), ReserveSeconds),
        PolicyNames.FirstFit => new FirstFitPolicy(tenants),
        PolicyNames.BestFit => new BestFitPolicy(tenants),
        PolicyNames.Random => new RandomPolicy(tenants, options.Seed),
        _ => throw new InvalidOperationException($"unknown policy '{name}'"),
    };

    // Long enough that a hold outlives the task's first report (the hold then ends by itself), at most the API's 3600.
    private const int ReserveSeconds = 600;
}
