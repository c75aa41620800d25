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

    public int DecisionsActedOn { get; private set; }

    public int Migrations { get; private set; }

    /// <summary>Asks the policy and starts the task where it says; null when it could not start now.</summary>
    public async ValueTask<Placement?> TryStartAsync(ReplayTask task, string? onlyDataCenter, CancellationToken cancellationToken)
    {
        var placement = await Policy.PlaceAsync(task, Fleet, onlyDataCenter, cancellationToken).ConfigureAwait(false);
        if (placement is null)
        {
            PlacementRefusals++;
            return null;
        }

        // A scheduler starts nothing on a GPU it knows has failed (the silo may not have heard yet), and one that
        // acts on decisions nothing on a node it was told to drain or in a data center it was told to close.
        if (placement.Shares.Any(s => !placement.Node.Gpus[s.Index].Healthy)
            || (Rebalance && (placement.Node.Drained || Fleet.AdmissionWeight(placement.Node.DataCenter) <= 0)))
        {
            PlacementRefusals++;
            await Policy.ReleaseAsync(task, placement, cancellationToken).ConfigureAwait(false);
            return null;
        }

        Checker.OnStart(task, placement, Fleet);
        Fleet.Start(task.Id, placement);
        _tasks[task.Id] = task;
        await Link.TaskStartedAsync(task, placement, cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// Reads new decisions and acts on those about this run's fleet: shifts set admission weights, drains
    /// and undrains set flags, a migration moves its task into the target data center (through
    /// <paramref name="moved"/>, which the timeline uses to charge the restart, or to queue a task that found no room again). Each one acted on is acknowledged.
    /// </summary>
    public async ValueTask ActOnDecisionsAsync(Func<ReplayTask, Placement, Placement?, ValueTask>? moved, CancellationToken cancellationToken)
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

    private async ValueTask<bool> ActAsync(ReplayDecision decision, Func<ReplayTask, Placement, Placement?, ValueTask>? moved, CancellationToken cancellationToken)
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

    private async ValueTask<bool> MigrateAsync(ReplayDecision decision, Func<ReplayTask, Placement, Placement?, ValueTask>? moved, CancellationToken cancellationToken)
    {
        // The cluster knows a task by the run's prefix and its id (see the link); a job of another run is not ours.
        if (decision.JobId is not { } job || !job.StartsWith(Fleet.Prefix, StringComparison.Ordinal) || decision.To is null
            || !_tasks.TryGetValue(job[Fleet.Prefix.Length..], out var task)
            || Fleet.Running.GetValueOrDefault(task.Id) is not { } old || old.Node.DataCenter == decision.To)
        {
            return false;
        }

        // Stop first, so a task may move within the room it frees; if the target has no room it restarts where it was.
        await StopAsync(task, cancellationToken).ConfigureAwait(false);
        var placed = await TryStartAsync(task, decision.To, cancellationToken).ConfigureAwait(false);
        if (placed is null)
        {
            placed = await TryStartAsync(task, old.Node.DataCenter, cancellationToken).ConfigureAwait(false);
            if (moved is not null)
            {
                await moved(task, old, placed).ConfigureAwait(false);
            }

            return false;
        }

        Migrations++;
        if (moved is not null)
        {
            await moved(task, old, placed).ConfigureAwait(false);
        }

        return true;
    }
}
