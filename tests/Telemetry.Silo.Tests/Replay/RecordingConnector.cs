using System.Collections.Concurrent;
using Telemetry.Replay;
using Telemetry.Replay.Engines;
using Telemetry.Replay.Fleet;
using Telemetry.Replay.Live;

namespace Telemetry.Silo.Tests.Replay;

/// <summary>
/// Links replays to the silo as the command does, and records in order what the replay did through the link —
/// every start with its node, every drain, undrain and move off a node it acknowledged — so a test can check them apart from the replay's own counts.
/// </summary>
internal sealed class RecordingConnector(IReplayClusterConnector inner) : IReplayClusterConnector
{
    public ConcurrentQueue<(string Kind, string Node, string What)> Log { get; } = new();

    public ReplayFleet? LastFleet { get; private set; }

    public async Task<IReplayCluster> ConnectAsync(ReplayFleet fleet, TenantPlan tenants, ReplayOptions options, CancellationToken cancellationToken)
    {
        LastFleet = fleet;
        return new Recording(await inner.ConnectAsync(fleet, tenants, options, cancellationToken), this);
    }

    private sealed class Recording(IReplayCluster inner, RecordingConnector owner) : IReplayCluster
    {
        private readonly Dictionary<string, ReplayDecision> _handed = [];

        public SiloClient Silo => inner.Silo;

        public bool IsLive => true;

        public ValueTask TaskStartedAsync(ReplayTask task, Telemetry.Replay.Fleet.Placement placement, CancellationToken cancellationToken)
        {
            owner.Log.Enqueue(("start", placement.Node.Id, task.Id));
            return inner.TaskStartedAsync(task, placement, cancellationToken);
        }

        public ValueTask TaskStoppedAsync(ReplayTask task, Telemetry.Replay.Fleet.Placement placement, CancellationToken cancellationToken) => inner.TaskStoppedAsync(task, placement, cancellationToken);

        public ValueTask GpuFaultedAsync(ReplayGpu gpu, CancellationToken cancellationToken) => inner.GpuFaultedAsync(gpu, cancellationToken);

        public ValueTask NodeRepairedAsync(ReplayNode node, CancellationToken cancellationToken) => inner.NodeRepairedAsync(node, cancellationToken);

        public async ValueTask<IReadOnlyList<ReplayDecision>> NewDecisionsAsync(CancellationToken cancellationToken)
        {
            var decisions = await inner.NewDecisionsAsync(cancellationToken);
            foreach (var d in decisions)
            {
                _handed[d.Id] = d;
            }

            return decisions;
        }

        public async ValueTask AcknowledgeAsync(string decisionId, CancellationToken cancellationToken)
        {
            if (_handed.TryGetValue(decisionId, out var d) && d.Kind is "drain" or "undrain")
            {
                owner.Log.Enqueue((d.Kind, d.Node!, decisionId));
            }
            else if (d is { Kind: "migrate", Node: { } node, JobId: { } job })
            {
                owner.Log.Enqueue(("migrate", node, job));
            }

            await inner.AcknowledgeAsync(decisionId, cancellationToken);
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
