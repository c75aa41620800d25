using Telemetry.Rebalancing;
using Telemetry.State;

namespace Telemetry.Grains.Rebalancing;

/// <summary>
/// Moves jobs out of degraded data centers, and out of hot ones that turn away work bound to them
/// (<see cref="RebalancePolicy.TurnedAwayWindowSeconds"/>): smallest jobs first (cheapest to move), each to the
/// data center with the most room where its tenant may run, only when the gain in pressure outweighs the
/// cost of moving (<see cref="RebalancePolicy.MigrationMinGain"/>), never twice within a job's cooldown, and
/// between one pair of data centers only once per pair cooldown.
/// </summary>
public static class Migrations
{
    public static void Plan(
        IReadOnlyList<DataCenterSignals> signals, DataCenterPressure[] pressures, RebalancePolicy policy, RebalancerMemory memory,
        Func<string, string?> tenantOf, DateTimeOffset now, MoveBudget moves, List<RebalanceDecision> decisions)
    {
        var room = pressures.ToDictionary(p => p.Id, p => p.FreeGpus, StringComparer.Ordinal);
        var usedPairs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var source in signals.Where(s => IsSource(s, memory.Of(s.Id), policy, now)).OrderByDescending(s => Pressure(pressures, s.Id).Pressure))
        {
            var from = Pressure(pressures, source.Id);
            foreach (var job in source.Jobs)
            {
                if (memory.JobCooldownUntil.ContainsKey(job.JobId))
                {
                    continue;
                }

                var tenant = tenantOf(job.JobId);
                var target = pressures
                    .Where(t => t.Id != source.Id && IsTarget(memory.Of(t.Id)) && policy.Allows(tenant, t.Id) && room[t.Id] >= job.Gpus && !t.Signals.Waits(job.Gpus, policy.TurnedAwayWindowSeconds, now))
                    .Where(t => !memory.PairCooldownUntil.ContainsKey(RebalancerMemory.Pair(source.Id, t.Id)) || usedPairs.Contains(RebalancerMemory.Pair(source.Id, t.Id)))
                    .Where(t => from.Pressure - t.Pressure >= policy.MigrationMinGain)
                    .OrderBy(t => t.Pressure).Cast<DataCenterPressure?>().FirstOrDefault();
                if (target is not { } to || !moves.TrySpend())
                {
                    continue;
                }

                room[to.Id] -= job.Gpus;
                usedPairs.Add(RebalancerMemory.Pair(source.Id, to.Id));
                memory.JobCooldownUntil[job.JobId] = now.AddSeconds(policy.JobCooldownSeconds);
                var signalsOf = Rebalancer.Signals(from, policy);
                signalsOf["targetFreeShare"] = Math.Round(to.FreeShare, 4);
                signalsOf["gain"] = Math.Round(from.Pressure - to.Pressure, 4);
                signalsOf["migrationMinGain"] = policy.MigrationMinGain;
                decisions.Add(Decision(
                    source.Id, to.Id, job, tenant, policy, now, signalsOf,
                    $"Move {job.JobId} ({job.Gpus} GPUs{(tenant is null ? "" : $", tenant {tenant}")}) from {source.Id}, which is {Cause(memory.Of(source.Id))} (pressure {from.Pressure:F2}), to {to.Id} (pressure {to.Pressure:F2})"));
            }
        }

        foreach (var pair in usedPairs)
        {
            memory.PairCooldownUntil[pair] = now.AddSeconds(policy.PairCooldownSeconds);
        }
    }

    /// <summary>A <c>migrate</c> of one job from <paramref name="from"/> to <paramref name="to"/>; <paramref name="node"/> names the node it leaves when one is meant.</summary>
    public static RebalanceDecision Decision(
        string from, string to, JobShare job, string? tenant, RebalancePolicy policy, DateTimeOffset now,
        Dictionary<string, double> signals, string reason, string? node = null) => new()
    {
        Id = "",
        At = now,
        Kind = DecisionKind.Migrate,
        From = from,
        To = to,
        Node = node,
        JobId = job.JobId,
        Gpus = job.Gpus,
        Tenant = tenant,
        Jobs = [new DecisionJob(job.JobId, job.Gpus, tenant)],
        Reason = reason,
        Signals = signals,
        DryRun = policy.DryRun,
    };

    // Degraded: its jobs are at risk wherever work could go. Hot: moving running work out adds room only for work that
    // cannot go elsewhere, so only while it turns such work away (turnedAwayWindowSeconds 0: whenever it is hot).
    private static bool IsSource(DataCenterSignals signals, DataCenterState s, RebalancePolicy policy, DateTimeOffset now) =>
        s.Degraded || (Shifts.IsPressured(s) && (policy.TurnedAwayWindowSeconds == 0
            || DataCenterSignals.Within(signals.BoundWorkTurnedAwayAt, policy.TurnedAwayWindowSeconds, now)));

    private static bool IsTarget(DataCenterState s) => !s.Dark && !s.Hot && !s.Degraded;

    private static string Cause(DataCenterState s) => s.Degraded ? "degraded" : "hot";

    private static DataCenterPressure Pressure(DataCenterPressure[] all, string id) => all.First(p => p.Id == id);
}
