using Telemetry.Replay.Fleet;
using Telemetry.Replay.Policies;

namespace Telemetry.Replay.Engines;

/// <summary>
/// One policy's run, shared by both engines: starts and stops tasks on the fleet, through the checker and
/// the link, and acts on the rebalancer's decisions like a scheduler would.
/// </summary>
public sealed class ReplayRun(ReplayFleet fleet, IPlacementPolicy policy, TenantPlan tenants, IReplayLink link, bool rebalance)
{
    private readonly Dictionary<string, ReplayTask> _tasks = new(StringComparer.Ordinal);

    public ReplayFleet Fleet { get; } = fleet;

    public IPlacementPolicy Policy { get; } = policy;

    public TenantPlan Tenants { get; } = tenants;

    public IReplayLink Link { get; } = link;

    public AllocationChecker Checker { get; } = new(tenants);

    /// <summary>Whether the run acts on decisions (<c>--rebalance on</c>).</summary>
    public bool Rebalance { get; } = rebalance;

    public int PlacementRefusals { get; private set; }

    /// <summary>Refusals while some node of the fleet could have taken the task (see <see cref="Results.PolicyResult.RefusalsWithRoom"/>).</summary>
    public int RefusalsWithRoom { get; private set; }

    public int DecisionsActedOn { get; private set; }

    public int Migrations { get; private set; }

    /// <summary>Asks the policy and starts the task where it says; null when it could not start now.</summary>
    public async ValueTask<Placement?> TryStartAsync(ReplayTask task, string? onlyDataCenter, CancellationToken cancellationToken)
    {
        var placement = await PlaceAsync(task, onlyDataCenter, null, cancellationToken).ConfigureAwait(false);
        if (placement is not null)
        {
            await StartAsync(task, placement, cancellationToken).ConfigureAwait(false);
        }

        return placement;
    }

    /// <summary>Stops a running task (it ended, failed or moves); null when it was not running.</summary>
    public async ValueTask<Placement?> StopAsync(ReplayTask task, CancellationToken cancellationToken)
    {
        var placement = Fleet.Stop(task.Id);
        if (placement is null)
        {
            return null;
        }

        _tasks.Remove(task.Id);
        Checker.OnStop(task.Id);
        await Policy.ReleaseAsync(task, placement, cancellationToken).ConfigureAwait(false);
        await Link.TaskStoppedAsync(task, placement, cancellationToken).ConfigureAwait(false);
        return placement;
    }

    // Where the policy would start the task, if a scheduler may start it there: a scheduler starts nothing on a GPU it
    // knows has failed (the silo may not have heard yet), nor on the node it is moving the task off, and one that acts on
    // decisions nothing on a node it was told to drain or in a data center it was told to close.
    private async ValueTask<Placement?> PlaceAsync(ReplayTask task, string? onlyDataCenter, ReplayNode? avoid, CancellationToken cancellationToken)
    {
        var placement = await Policy.PlaceAsync(task, Fleet, onlyDataCenter, cancellationToken).ConfigureAwait(false);
        if (placement is null)
        {
            PlacementRefusals++;
            RefusalsWithRoom += Fleet.Nodes.Any(n => n != avoid && (onlyDataCenter is null || n.DataCenter == onlyDataCenter) && TaskConstraints.Fits(task, n, Fleet, Tenants)) ? 1 : 0;
            return null;
        }

        if (placement.Node == avoid || placement.Shares.Any(s => !placement.Node.Gpus[s.Index].Healthy)
            || (Rebalance && (placement.Node.Drained || Fleet.AdmissionWeight(placement.Node.DataCenter) <= 0)))
        {
            PlacementRefusals++;
            await Policy.ReleaseAsync(task, placement, cancellationToken).ConfigureAwait(false);
            return null;
        }

        return placement;
    }

    private async ValueTask StartAsync(ReplayTask task, Placement placement, CancellationToken cancellationToken)
    {
        Checker.OnStart(task, placement, Fleet);
        Fleet.Start(task.Id, placement);
        _tasks[task.Id] = task;
        await Link.TaskStartedAsync(task, placement, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads new decisions and acts on those about this run's fleet: shifts set admission weights, drains
    /// and undrains set flags, a migration moves its task into the target data center (through
    /// <paramref name="moved"/>, which the timeline uses to charge the restart; a task the target has no room for keeps running where it was and the decision is not acknowledged). Each one acted on is acknowledged.
    /// </summary>
    public async ValueTask ActOnDecisionsAsync(Func<ReplayTask, Placement, Placement, ValueTask>? moved, CancellationToken cancellationToken)
    {
        if (!Rebalance || !Link.IsLive)
        {
            return;
        }

        foreach (var decision in await Link.NewDecisionsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await ActAsync(decision, moved, cancellationToken).ConfigureAwait(false))
            {
                DecisionsActedOn++;
                await Link.AcknowledgeAsync(decision.Id, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async ValueTask<bool> ActAsync(ReplayDecision decision, Func<ReplayTask, Placement, Placement, ValueTask>? moved, CancellationToken cancellationToken)
    {
        switch (decision.Kind)
        {
            case "shift":
                return Shift(decision);
            case "drain" or "undrain":
                if (decision.Node is null || Fleet.Node(decision.Node) is not { } node)
                {
                    return false;
                }

                node.Drained = decision.Kind == "drain";
                return true;
            case "migrate":
                return await MigrateAsync(decision, moved, cancellationToken).ConfigureAwait(false);
            default:
                return false;
        }
    }

    private bool Shift(ReplayDecision decision)
    {
        if (decision.AdmissionWeight is not { } weight)
        {
            return false;
        }

        // A shift names the data center turned down in `from`; a restored one alone in `to`.
        var target = decision.From ?? decision.To;
        if (target is null || !Fleet.DataCenters.Contains(target))
        {
            return false;
        }

        Fleet.SetAdmissionWeight(target, weight);
        return true;
    }

    private async ValueTask<bool> MigrateAsync(ReplayDecision decision, Func<ReplayTask, Placement, Placement, ValueTask>? moved, CancellationToken cancellationToken)
    {
        // The cluster knows a task by the run's prefix and its id (see the link); a job of another run is not ours. A move
        // off a node (the decision names it) may stay in its data center; a move out of a data center must leave it.
        if (decision.JobId is not { } job || !job.StartsWith(Fleet.Prefix, StringComparison.Ordinal) || decision.To is null
            || !_tasks.TryGetValue(job[Fleet.Prefix.Length..], out var task)
            || Fleet.Running.GetValueOrDefault(task.Id) is not { } old
            || (decision.Node is null ? old.Node.DataCenter == decision.To : old.Node.Id != decision.Node))
        {
            return false;
        }

        // Placed before it stops: a task the target has no room for keeps running where it is.
        var placed = await PlaceAsync(task, decision.To, old.Node, cancellationToken).ConfigureAwait(false);
        if (placed is null)
        {
            return false;
        }

        await StopAsync(task, cancellationToken).ConfigureAwait(false);
        await StartAsync(task, placed, cancellationToken).ConfigureAwait(false);
        Migrations++;
        if (moved is not null)
        {
            await moved(task, old, placed).ConfigureAwait(false);
        }

        return true;
    }
}
