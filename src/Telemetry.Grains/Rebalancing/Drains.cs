using Telemetry.Rebalancing;

namespace Telemetry.Grains.Rebalancing;

/// <summary>
/// Drains nodes with unhealthy GPUs and undrains those it drained once they have been clean for a while
/// (unhealthy verdicts are sticky until a reset, so clean means reset). A circuit breaker per data center:
/// when <see cref="RebalancePolicy.BreakerShare"/> of its nodes turned unhealthy within the window, something
/// bigger than bad GPUs is going on (power, cooling, a bad driver roll-out), so draining stops there and an alert is
/// raised, until fewer than that share of its nodes are still unhealthy.
/// </summary>
public static class Drains
{
    /// <summary>
    /// Opens or closes the data center's breaker, before any node of it is drained or evacuated this interval. It counts
    /// nodes with as many unhealthy GPUs as either drains or evacuates one.
    /// </summary>
    public static void UpdateBreaker(DataCenterSignals dc, RebalancePolicy policy, RebalancerMemory memory, DateTimeOffset now, List<RebalanceAlert> alerts)
    {
        var threshold = policy.EvacuateUnhealthyGpus > 0 ? Math.Min(policy.EvacuateUnhealthyGpus, policy.DrainUnhealthyGpus) : policy.DrainUnhealthyGpus;
        var struck = dc.Nodes.Where(n => n.Reporting && n.UnhealthyGpus >= threshold).ToArray();
        if (UpdateBreaker(dc, memory.Of(dc.Id), struck, policy, now) is { } alert)
        {
            alerts.Add(alert);
        }
    }

    public static void Plan(
        DataCenterSignals dc, RebalancePolicy policy, RebalancerMemory memory, Func<string, string?> tenantOf, DateTimeOffset now,
        MoveBudget moves, List<RebalanceDecision> decisions)
    {
        var state = memory.Of(dc.Id);
        var unhealthy = dc.Nodes.Where(n => n.Reporting && n.UnhealthyGpus >= policy.DrainUnhealthyGpus).ToArray();

        // An operator's undrain stands until the node has been clean once: the rebalancer does not overrule it.
        foreach (var nodeId in memory.OperatorUndrained.Where(id => DataCenterOf(id) == dc.Id && !unhealthy.Any(n => n.NodeId == id)).ToArray())
        {
            memory.OperatorUndrained.Remove(nodeId);
        }

        foreach (var node in unhealthy)
        {
            if (memory.Drained.TryGetValue(node.NodeId, out var drained))
            {
                drained.CleanSince = null;
                continue;
            }

            if (node.Drained || memory.OperatorUndrained.Contains(node.NodeId) || state.BreakerOpen
                || (memory.Evacuating.TryGetValue(node.NodeId, out var evacuating) && evacuating.Drained) || !moves.TrySpend())
            {
                continue;
            }

            memory.Drained[node.NodeId] = new DrainedNode { DataCenter = dc.Id };
            decisions.Add(Decision(DecisionKind.Drain, dc.Id, node, policy, tenantOf, now, $"{node.NodeId} has {node.UnhealthyGpus} unhealthy GPU(s) (threshold {policy.DrainUnhealthyGpus}); {JobsText(node)}"));
        }

        foreach (var (nodeId, drained) in memory.Drained.Where(d => d.Value.DataCenter == dc.Id).ToArray())
        {
            var signal = dc.Nodes.FirstOrDefault(n => n.NodeId == nodeId) ?? new NodeSignal(nodeId, 0, false, true);
            if (signal.UnhealthyGpus > 0 || !signal.Reporting)
            {
                continue;
            }

            drained.CleanSince ??= now;
            if (now - drained.CleanSince >= TimeSpan.FromSeconds(policy.UndrainAfterSeconds))
            {
                memory.Drained.Remove(nodeId);
                decisions.Add(Decision(DecisionKind.Undrain, dc.Id, signal, policy, tenantOf, now, $"{nodeId} has had no unhealthy GPU for {policy.UndrainAfterSeconds} s (reset)"));
            }
        }
    }

    private static RebalanceAlert? UpdateBreaker(DataCenterSignals dc, DataCenterState state, NodeSignal[] unhealthy, RebalancePolicy policy, DateTimeOffset now)
    {
        var windowStart = now.AddSeconds(-policy.BreakerWindowSeconds);
        foreach (var node in unhealthy)
        {
            state.UnhealthySince.TryAdd(node.NodeId, now);
        }

        var current = unhealthy.Select(n => n.NodeId).ToHashSet(StringComparer.Ordinal);
        foreach (var old in state.UnhealthySince.Where(u => u.Value < windowStart && !current.Contains(u.Key)).Select(u => u.Key).ToArray())
        {
            state.UnhealthySince.Remove(old);
        }

        var recent = state.UnhealthySince.Count(u => u.Value >= windowStart);
        var nodes = Math.Max(dc.Summary.Nodes, 1);
        var share = (double)recent / nodes;

        // Trips on the rate (nodes turning unhealthy within the window); closes only once the damage itself is
        // below the threshold (nodes reset), not merely because the storm is older than the window.
        var open = state.BreakerOpen ? (double)unhealthy.Length / nodes >= policy.BreakerShare : share >= policy.BreakerShare;
        if (open == state.BreakerOpen)
        {
            return null;
        }

        state.BreakerOpen = open;
        return new RebalanceAlert(now, dc.Id, "breaker", open
            ? $"{recent} of {dc.Summary.Nodes} nodes of {dc.Id} ({share:P0}) turned unhealthy within {policy.BreakerWindowSeconds} s (breaker at {policy.BreakerShare:P0}): draining there has stopped; look at power, cooling and recent roll-outs."
            : $"Breaker of {dc.Id} closed: {unhealthy.Length} of {dc.Summary.Nodes} nodes are still unhealthy (below {policy.BreakerShare:P0}); draining resumes.", open);
    }

    internal static string JobsText(NodeSignal node) => node.Jobs.Length == 0
        ? "no job runs there"
        : $"jobs there: {string.Join(", ", node.Jobs.Select(j => $"{j.JobId} ({j.Gpus} GPUs)"))}";

    private static string DataCenterOf(string nodeId) => Wire.NodeIds.DataCenterOf(nodeId);

    internal static RebalanceDecision Decision(
        DecisionKind kind, string dataCenter, NodeSignal node, RebalancePolicy policy, Func<string, string?> tenantOf, DateTimeOffset now, string reason) => new()
    {
        Id = "",
        At = now,
        Kind = kind,
        From = dataCenter,
        Node = node.NodeId,
        Jobs = [.. node.Jobs.Select(j => new DecisionJob(j.JobId, j.Gpus, tenantOf(j.JobId)))],
        Reason = reason,
        Signals = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["unhealthyGpus"] = node.UnhealthyGpus,
            ["drainUnhealthyGpus"] = policy.DrainUnhealthyGpus,
            ["undrainAfterSeconds"] = policy.UndrainAfterSeconds,
        },
        DryRun = policy.DryRun,
    };
}
