using Telemetry.Rebalancing;
using Telemetry.Wire;

namespace Telemetry.Grains.Rebalancing;

/// <summary>
/// With <see cref="RebalancePolicy.DrainStragglerNodes"/>, drains the node of a GPU its job judges a straggler, so the
/// job can restart from its checkpoint without it and no new work lands there; undrains the node once none of its GPUs
/// has been a straggler for <see cref="RebalancePolicy.UndrainAfterSeconds"/> (the straggler kept up again, or its job
/// left it). Runs after <see cref="Rebalancer.Evaluate"/> on the same memory and within the same rules: what is left of
/// the interval's cap on moves, the data center's breaker, an operator's undrain, and the job's cooldown (a job the
/// rebalancer just moved is left alone). Nodes drained for unhealthy GPUs are left to <see cref="Drains"/>.
/// </summary>
public static class StragglerDrains
{
    /// <summary>The step with this interval's straggler drains and undrains added.</summary>
    public static RebalanceStep Add(
        RebalanceStep step, IReadOnlyList<DataCenterSignals> signals, IReadOnlyList<StragglerSeat> stragglers,
        RebalancePolicy policy, RebalancerMemory memory, Func<string, string?> tenantOf, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(memory);
        var decisions = new List<RebalanceDecision>(step.Decisions);
        var spent = step.Decisions.Count(d => d.Kind is DecisionKind.Migrate or DecisionKind.Drain);
        var moves = new MoveBudget(Math.Max(0, policy.MaxMovesPerInterval - spent));
        var nodes = signals.SelectMany(dc => dc.Nodes).DistinctBy(n => n.NodeId).ToDictionary(n => n.NodeId, StringComparer.Ordinal);

        // Switched off, no node counts as straggling: the nodes it drained are undrained after the usual delay.
        var current = policy.DrainStragglerNodes ? stragglers : [];
        foreach (var seat in current.OrderBy(s => s.JobId, StringComparer.Ordinal).ThenBy(s => s.Uuid, StringComparer.Ordinal))
        {
            if (memory.StragglerDrained.ContainsKey(seat.Node)
                || nodes.GetValueOrDefault(seat.Node)?.Drained == true
                || memory.Drained.ContainsKey(seat.Node)
                || memory.OperatorUndrained.Contains(seat.Node)
                || memory.Of(NodeIds.DataCenterOf(seat.Node)).BreakerOpen
                || memory.JobCooldownUntil.ContainsKey(seat.JobId)
                || !moves.TrySpend())
            {
                continue;
            }

            memory.StragglerDrained[seat.Node] = new StragglerDrain { DataCenter = NodeIds.DataCenterOf(seat.Node), JobId = seat.JobId, Uuid = seat.Uuid };
            decisions.Add(Drain(seat, policy, tenantOf, now));
        }

        var straggling = current.Select(s => s.Node).ToHashSet(StringComparer.Ordinal);
        foreach (var (node, drained) in memory.StragglerDrained.ToArray())
        {
            if (memory.Drained.ContainsKey(node))
            {
                // An unhealthy GPU's drain took the node over; it undrains on that rule.
                memory.StragglerDrained.Remove(node);
                continue;
            }

            if (straggling.Contains(node) || nodes.GetValueOrDefault(node)?.Reporting == false)
            {
                drained.CleanSince = null;
                continue;
            }

            drained.CleanSince ??= now;
            if (now - drained.CleanSince >= TimeSpan.FromSeconds(policy.UndrainAfterSeconds))
            {
                memory.StragglerDrained.Remove(node);
                decisions.Add(Undrain(node, drained, policy, now));
            }
        }

        return step with { Decisions = decisions };
    }

    private static RebalanceDecision Drain(StragglerSeat seat, RebalancePolicy policy, Func<string, string?> tenantOf, DateTimeOffset now)
    {
        var signals = new Dictionary<string, double>(StringComparer.Ordinal) { ["undrainAfterSeconds"] = policy.UndrainAfterSeconds };
        if (double.IsFinite(seat.Value) && double.IsFinite(seat.JobMedian))
        {
            // The lagging signal by its own name (e.g. sm_active), beside the job's median of it.
            signals[seat.Signal] = seat.Value;
            signals["jobMedian"] = seat.JobMedian;
        }

        return new RebalanceDecision
        {
            Id = "",
            At = now,
            Kind = DecisionKind.Drain,
            From = NodeIds.DataCenterOf(seat.Node),
            Node = seat.Node,
            Gpu = seat.Uuid,
            JobId = seat.JobId,
            Jobs = [new DecisionJob(seat.JobId, seat.JobGpusOnNode, tenantOf(seat.JobId))],
            Reason = $"GPU {seat.Uuid} on {seat.Node} holds back job {seat.JobId}: {seat.Reason}; draining the node lets the job restart without it",
            Signals = signals,
            DryRun = policy.DryRun,
        };
    }

    private static RebalanceDecision Undrain(string node, StragglerDrain drained, RebalancePolicy policy, DateTimeOffset now) => new()
    {
        Id = "",
        At = now,
        Kind = DecisionKind.Undrain,
        From = drained.DataCenter,
        Node = node,
        Gpu = drained.Uuid,
        Reason = $"No GPU of {node} has been a straggler for {policy.UndrainAfterSeconds} s (it was drained for {drained.Uuid} holding back job {drained.JobId})",
        Signals = new Dictionary<string, double>(StringComparer.Ordinal) { ["undrainAfterSeconds"] = policy.UndrainAfterSeconds },
        DryRun = policy.DryRun,
    };
}
