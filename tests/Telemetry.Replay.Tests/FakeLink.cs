using Telemetry.Replay.Engines;
using Telemetry.Replay.Fleet;

namespace Telemetry.Replay.Tests;

/// <summary>A cluster link that hands out the decisions a test queues and records what the replay did.</summary>
internal sealed class FakeLink : IReplayLink
{
    private readonly Queue<ReplayDecision> _decisions = new();

    public bool IsLive => true;

    public List<string> Acknowledged { get; } = [];

    public List<string> Started { get; } = [];

    public List<string> Stopped { get; } = [];

    /// <summary>Before each poll; lets a test add decisions once the run is under way.</summary>
    public Action<FakeLink>? BeforePoll { get; set; }

    public void Add(ReplayDecision decision) => _decisions.Enqueue(decision);

    public ValueTask TaskStartedAsync(ReplayTask task, Placement placement, CancellationToken cancellationToken)
    {
        Started.Add($"{task.Id}@{placement.Node.Id}");
        return ValueTask.CompletedTask;
    }

    public ValueTask TaskStoppedAsync(ReplayTask task, Placement placement, CancellationToken cancellationToken)
    {
        Stopped.Add($"{task.Id}@{placement.Node.Id}");
        return ValueTask.CompletedTask;
    }

    public ValueTask GpuFaultedAsync(ReplayGpu gpu, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask NodeRepairedAsync(ReplayNode node, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask<IReadOnlyList<ReplayDecision>> NewDecisionsAsync(CancellationToken cancellationToken)
    {
        BeforePoll?.Invoke(this);
        var list = _decisions.ToList();
        _decisions.Clear();
        return ValueTask.FromResult<IReadOnlyList<ReplayDecision>>(list);
    }

    public ValueTask AcknowledgeAsync(string decisionId, CancellationToken cancellationToken)
    {
        Acknowledged.Add(decisionId);
        return ValueTask.CompletedTask;
    }
}
