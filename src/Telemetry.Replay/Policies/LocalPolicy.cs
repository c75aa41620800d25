using Telemetry.Replay.Engines;
using Telemetry.Replay.Fleet;

namespace Telemetry.Replay.Policies;

/// <summary>
/// A baseline that chooses on the replay's side: among the nodes a task fits, those in data centers of
/// the highest admission weight first (so the rebalancer's shifts steer baselines too), then by the
/// baseline's own rule.
/// </summary>
public abstract class LocalPolicy(TenantPlan tenants) : IPlacementPolicy
{
    public abstract string Name { get; }

    public ValueTask<Placement?> PlaceAsync(ReplayTask task, ReplayFleet fleet, string? onlyDataCenter, CancellationToken cancellationToken)
    {
        var best = double.NegativeInfinity;
        var candidates = new List<ReplayNode>();
        foreach (var node in fleet.Nodes)
        {
            if ((onlyDataCenter is not null && node.DataCenter != onlyDataCenter) || !TaskConstraints.Fits(task, node, fleet, tenants))
            {
                continue;
            }

            var weight = fleet.AdmissionWeight(node.DataCenter);
            if (weight > best)
            {
                best = weight;
                candidates.Clear();
            }

            if (weight == best)
            {
                candidates.Add(node);
            }
        }

        if (candidates.Count == 0)
        {
            return ValueTask.FromResult<Placement?>(null);
        }

        var chosen = Choose(task, candidates);
        var shares = task.Trace.IsFractional
            ? [new GpuShare(ChooseShareGpu(task, chosen).Index, task.Trace.GpuMilli)]
            : TaskConstraints.FirstWholeGpus(chosen, task.Trace.Gpus);
        return ValueTask.FromResult<Placement?>(new Placement(chosen, shares));
    }

    public ValueTask ReleaseAsync(ReplayTask task, Placement placement, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>Picks one of the nodes the task fits, given in node-list order.</summary>
    protected abstract ReplayNode Choose(ReplayTask task, IReadOnlyList<ReplayNode> fitting);

    /// <summary>For a fractional task: the GPU of the chosen node it shares (one with room).</summary>
    protected abstract ReplayGpu ChooseShareGpu(ReplayTask task, ReplayNode node);
}
