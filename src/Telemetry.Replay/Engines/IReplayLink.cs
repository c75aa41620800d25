using Telemetry.Replay.Fleet;

namespace Telemetry.Replay.Engines;

/// <summary>
/// What ties a replay to a running cluster: its nodes' telemetry (tasks as jobs, faults as XIDs) and the
/// rebalancer's decisions. <see cref="OfflineLink"/> is the link of a replay without a silo.
/// </summary>
public interface IReplayLink
{
    /// <summary>True when there is a cluster: decisions are polled and the clock is paced.</summary>
    bool IsLive { get; }

    /// <summary>A task started: its GPUs report it as their job from now on.</summary>
    ValueTask TaskStartedAsync(ReplayTask task, Placement placement, CancellationToken cancellationToken);

    /// <summary>A task ended, failed or moved away: its GPUs stop reporting it.</summary>
    ValueTask TaskStoppedAsync(ReplayTask task, Placement placement, CancellationToken cancellationToken);

    /// <summary>A GPU failed: it reports an XID the silo judges unhealthy.</summary>
    ValueTask GpuFaultedAsync(ReplayGpu gpu, CancellationToken cancellationToken);

    /// <summary>A node was repaired (rebooted): it reports under a new boot id, which clears its GPUs' sticky verdicts.</summary>
    ValueTask NodeRepairedAsync(ReplayNode node, CancellationToken cancellationToken);

    /// <summary>Decisions made since the last call, oldest first.</summary>
    ValueTask<IReadOnlyList<ReplayDecision>> NewDecisionsAsync(CancellationToken cancellationToken);

    /// <summary>Acknowledges a decision the replay acted on.</summary>
    ValueTask AcknowledgeAsync(string decisionId, CancellationToken cancellationToken);
}
