using Telemetry.Rebalancing;
using Telemetry.State;

namespace Telemetry.Grains.Rebalancing;

/// <summary>
/// Moves work off a node whose GPU failed, before its siblings fail too: a GPU fault is often its node's (power,
/// baseboard, driver), and the job that dies with a sibling loses all its work since it started, while a move costs
/// only a restart. When a node first has <see cref="RebalancePolicy.EvacuateUnhealthyGpus"/> unhealthy GPUs, it is
/// drained, the jobs then running on it are migrated to the data center with the most room that their tenant may use
/// (its own included), and once they are gone it is undrained, so its healthy GPUs take new work again unless its faults
/// cluster (<see cref="RebalancePolicy.DrainUnhealthyGpus"/>). A drain held for the whole repair would cost more capacity
/// than the faults it avoids.
/// </summary>
public static class Evacuations
{
    public static void Plan(
        IReadOnlyList<DataCenterSignals> signals, DataCenterPressure[] pressures, RebalancePolicy policy, RebalancerMemory memory,
        Func<string, string?> tenantOf, DateTimeOffset now, MoveBudget moves, List<RebalanceDecision> decisions)
    {
        // Moves spend only the room beyond what keeps a data center out of hot (hotExitFreeShare of its GPUs free): when
        // the fleet is that full, a restart would cost the queue more than the faults it might avoid, so nothing moves.
        // Nor into a data center that turned away work as small as the job lately: the job would take the room it waits for.
        var room = pressures.ToDictionary(p => p.Id, p => p.FreeGpus - Reserve(p, policy), StringComparer.Ordinal);
        DataCenterPressure? TargetFor(JobShare job) => pressures
            .Where(t => !memory.Of(t.Id).Dark && policy.Allows(tenantOf(job.JobId), t.Id) && room[t.Id] >= job.Gpus && !t.Signals.Waits(job.Gpus, policy.TurnedAwayWindowSeconds, now))
            .OrderByDescending(t => room[t.Id]).Cast<DataCenterPressure?>().FirstOrDefault();

        foreach (var dc in signals)
        {
            var breakerOpen = memory.Of(dc.Id).BreakerOpen;
            foreach (var node in dc.Nodes)
            {
                if (policy.EvacuateUnhealthyGpus > 0 && node.Reporting && node.UnhealthyGpus >= policy.EvacuateUnhealthyGpus
                    && !node.Drained && !breakerOpen && !memory.Evacuating.ContainsKey(node.NodeId) && !memory.Drained.ContainsKey(node.NodeId)
                    && !memory.OperatorUndrained.Contains(node.NodeId))
                {
                    // Remembered even with nothing to move, so work that starts there later (with little to lose) is not moved,
                    // nor are jobs too young to be worth a restart; with jobs to move but no move left this interval, or no room
                    // for any of them yet, it waits for the next.
                    var atStake = node.Jobs.Where(j => AtStake(j, policy, now)).ToArray();
                    if (atStake.Length > 0 && (!atStake.Any(j => TargetFor(j) is not null) || !moves.TrySpend()))
                    {
                        continue;
                    }

                    memory.Evacuating[node.NodeId] = new EvacuatingNode
                    {
                        DataCenter = dc.Id, PendingJobs = [.. atStake.Select(j => j.JobId)], Drained = atStake.Length > 0, Since = now,
                    };
                    if (atStake.Length > 0)
                    {
                        decisions.Add(NodeDecision(DecisionKind.Drain, dc.Id, node, policy, tenantOf, now,
                            $"{node.NodeId} has {node.UnhealthyGpus} unhealthy GPU(s) (evacuate at {policy.EvacuateUnhealthyGpus}): drained while {atStake.Length} of its jobs, each running at least {policy.EvacuateMinJobAgeSeconds} s, move off, its other GPUs being at risk; {Drains.JobsText(node)}"));
                    }
                }
            }

            foreach (var (nodeId, evacuating) in memory.Evacuating.Where(e => e.Value.DataCenter == dc.Id).ToArray())
            {
                var node = dc.Nodes.FirstOrDefault(n => n.NodeId == nodeId);
                if (node is null || (node.UnhealthyGpus == 0 && node.Reporting))
                {
                    // Repaired (a reset clears the sticky verdicts): a later fault starts a new evacuation.
                    memory.Evacuating.Remove(nodeId);
                    if (evacuating.Drained)
                    {
                        decisions.Add(Undrain(dc.Id, node ?? new NodeSignal(nodeId, 0, true, true), policy, tenantOf, now, "it has no unhealthy GPU (reset)"));
                    }

                    continue;
                }

                var running = node.Jobs.Select(j => j.JobId).ToHashSet(StringComparer.Ordinal);
                evacuating.PendingJobs.IntersectWith(running);
                evacuating.MovingJobs.IntersectWith(running);

                // Held no longer than a decision lives: a move not carried out by then will not be, or waits for room that
                // the drained node's own GPUs should not be kept idle for.
                if ((evacuating.PendingJobs.Count == 0 && evacuating.MovingJobs.Count == 0) || now - evacuating.Since >= TimeSpan.FromSeconds(policy.DecisionTtlSeconds))
                {
                    Finish(dc.Id, nodeId, evacuating, node, policy, memory, tenantOf, now, decisions);
                }

                foreach (var job in node.Reporting ? node.Jobs.Where(j => evacuating.PendingJobs.Contains(j.JobId)).ToArray() : [])
                {
                    // No room for it now: it stays, rather than keep the node's GPUs idle until room appears; out of moves
                    // this interval: it waits for the next.
                    if (TargetFor(job) is not { } to)
                    {
                        evacuating.PendingJobs.Remove(job.JobId);
                        continue;
                    }

                    if (!moves.TrySpend())
                    {
                        continue;
                    }

                    room[to.Id] -= job.Gpus;
                    evacuating.PendingJobs.Remove(job.JobId);
                    evacuating.MovingJobs.Add(job.JobId);
                    memory.JobCooldownUntil[job.JobId] = now.AddSeconds(policy.JobCooldownSeconds);
                    decisions.Add(Move(dc.Id, node, job, to, tenantOf(job.JobId), policy, now));
                }
            }
        }
    }

    // Every job it had has moved or ended (or its move expired): the node takes work again, unless its faults cluster
    // (then the drain passes to Drains, which holds it until the node is repaired).
    private static void Finish(
        string dataCenter, string nodeId, EvacuatingNode evacuating, NodeSignal node, RebalancePolicy policy, RebalancerMemory memory,
        Func<string, string?> tenantOf, DateTimeOffset now, List<RebalanceDecision> decisions)
    {
        if (!evacuating.Drained)
        {
            return;
        }

        evacuating.Drained = false;
        if (node.UnhealthyGpus >= policy.DrainUnhealthyGpus)
        {
            memory.Drained[nodeId] = new DrainedNode { DataCenter = dataCenter };
            return;
        }

        decisions.Add(Undrain(dataCenter, node, policy, tenantOf, now,
            $"its jobs have moved off; its healthy GPUs take new work again ({node.UnhealthyGpus} unhealthy, drain at {policy.DrainUnhealthyGpus})"));
    }

    private static RebalanceDecision Undrain(string dataCenter, NodeSignal node, RebalancePolicy policy, Func<string, string?> tenantOf, DateTimeOffset now, string why) =>
        NodeDecision(DecisionKind.Undrain, dataCenter, node, policy, tenantOf, now, $"{node.NodeId} is undrained: {why}");

    // A job that has run at least evacuateMinJobAgeSeconds here (or whose start is not known) has more to lose to a sibling's
    // fault than its restart costs.
    private static bool AtStake(JobShare job, RebalancePolicy policy, DateTimeOffset now) =>
        job.Since is not { } since || now - since >= TimeSpan.FromSeconds(policy.EvacuateMinJobAgeSeconds);

    private static int Reserve(DataCenterPressure p, RebalancePolicy policy) => (int)Math.Ceiling(policy.HotExitFreeShare * p.ReportingGpus);

    private static RebalanceDecision Move(string dataCenter, NodeSignal node, JobShare job, DataCenterPressure to, string? tenant, RebalancePolicy policy, DateTimeOffset now) =>
        Migrations.Decision(
            dataCenter, to.Id, job, tenant, policy, now,
            new Dictionary<string, double>(StringComparer.Ordinal)
            {
                ["unhealthyGpus"] = node.UnhealthyGpus,
                ["evacuateUnhealthyGpus"] = policy.EvacuateUnhealthyGpus,
                ["targetFreeGpus"] = to.FreeGpus,
                ["targetFreeShare"] = Math.Round(to.FreeShare, 4),
            },
            $"Move {job.JobId} ({job.Gpus} GPUs{(tenant is null ? "" : $", tenant {tenant}")}) off {node.NodeId}, which has {node.UnhealthyGpus} unhealthy GPU(s), to {to.Id} ({to.FreeGpus} GPUs free)",
            node.NodeId);

    private static RebalanceDecision NodeDecision(
        DecisionKind kind, string dataCenter, NodeSignal node, RebalancePolicy policy, Func<string, string?> tenantOf, DateTimeOffset now, string reason) =>
        Drains.Decision(kind, dataCenter, node, policy, tenantOf, now, reason) with
        {
            Signals = new Dictionary<string, double>(StringComparer.Ordinal)
            {
                ["unhealthyGpus"] = node.UnhealthyGpus,
                ["evacuateUnhealthyGpus"] = policy.EvacuateUnhealthyGpus,
                ["drainUnhealthyGpus"] = policy.DrainUnhealthyGpus,
            },
        };
}
