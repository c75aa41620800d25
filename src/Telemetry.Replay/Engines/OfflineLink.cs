using Telemetry.Replay.Fleet;

namespace Telemetry.Replay.Engines;

/// <summary>The link of a replay without a silo: no telemetry, no decisions, an unpaced clock.</summary>
public sealed class OfflineLink : IReplayLink
{
    public static OfflineLink Instance { get; } = new();

    public bool IsLive => false;

    public ValueTask TaskStartedAsync(ReplayTask task, Placement placement, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask TaskStoppedAsync(ReplayTask task, Placement placement, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask GpuFaultedAsync(ReplayGpu gpu, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask NodeRepairedAsync(ReplayNode node, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask<IReadOnlyList<ReplayDecision>> NewDecisionsAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<ReplayDecision>>([]);

    public ValueTask AcknowledgeAsync(string decisionId, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
