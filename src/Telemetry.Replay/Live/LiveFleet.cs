using System.Buffers;
using Telemetry.Exporter.Sending;
using Telemetry.Exporter.Simulation;
using Telemetry.Replay.Engines;
using Telemetry.Replay.Fleet;
using Telemetry.Wire;

namespace Telemetry.Replay.Live;

/// <summary>
/// A replay fleet reporting to the cluster: each node is a <see cref="NodeSimulator"/> whose GPUs run the
/// replay's tasks as their jobs, sent through the exporter's <see cref="IngestSender"/> on a heartbeat and
/// at once after a change (so the silo sees a job start, which ends its hold, or end, which frees its GPUs).
/// </summary>
public sealed class LiveFleet : IReplayCluster
{
    private const double BusyLoad = 0.9;
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(50);
    private readonly Dictionary<ReplayNode, LiveNode> _nodes = [];
    private readonly IngestSender _sender;
    private readonly SendCounters _counters = new();
    private readonly TimeProvider _time;
    private readonly long _intervalMs;
    private readonly DecisionFeed _decisions;
    private readonly CancellationTokenSource _stop = new();
    private readonly HttpClient _ingestHttp;
    private readonly int _servers;
    private readonly string _prefix;
    private Task _loop = Task.CompletedTask;

    public LiveFleet(ReplayFleet fleet, ReplayOptions options, SiloClient silo, HttpClient ingestHttp, TimeProvider time)
    {
        Silo = silo;
        _time = time;
        _ingestHttp = ingestHttp;
        _intervalMs = (long)(options.ReportEverySeconds * 1000);
        _decisions = new DecisionFeed(silo);
        _servers = options.Servers.Count;
        _prefix = fleet.Prefix;
        var endpoints = options.Servers.Select(IngestEndpoints.Resolve).ToList();
        _sender = new IngestSender(ingestHttp, endpoints, Environment.GetEnvironmentVariable("TELEMETRY_INGEST_TOKEN"),
            new RetryPolicy(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5)), new SemaphoreSlim(32), _counters, time);

        // One sample a report and no random faults: the replay injects the faults, and its cost stays low.
        var settings = new SimulationSettings(_intervalMs, 1, 0) { SbeRatePerGpuHour = 0, NvlinkCrcRatePerGpuHour = 0, PcieReplayRatePerGpuHour = 0 };
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var i = 0;
        foreach (var node in fleet.Nodes)
        {
            var simulator = new NodeSimulator(node.Id, TraceModels.Reported(node.Model), node.Gpus.Count, settings, (ulong)options.Seed, (ulong)options.Seed + 1, NewBootId(), [.. node.Gpus.Select(g => g.Uuid)])
            {
                ExternalJobs = true,
            };

            // Nodes spread over the interval, so a thousand of them make a steady stream, not a burst.
            _nodes[node] = new LiveNode(node, simulator, i % _servers) { DueMs = now + (_intervalMs * i / Math.Max(1, fleet.Nodes.Count)), Changed = true };
            i++;
        }
    }

    public SiloClient Silo { get; }

    public bool IsLive => true;

    /// <summary>The sender's counters (accepted, rejected, retries), for the progress line.</summary>
    public SendStats Stats => _counters.Snapshot(TimeSpan.Zero, _nodes.Count, null, _time.GetUtcNow());

    /// <summary>Starts reporting.</summary>
    public void Start() => _loop = Task.Run(() => LoopAsync(_stop.Token));

    public ValueTask TaskStartedAsync(ReplayTask task, Placement placement, CancellationToken cancellationToken) => ShowJobsAsync(placement);

    public ValueTask TaskStoppedAsync(ReplayTask task, Placement placement, CancellationToken cancellationToken) => ShowJobsAsync(placement);

    public ValueTask GpuFaultedAsync(ReplayGpu gpu, CancellationToken cancellationToken)
    {
        var live = _nodes[gpu.Node];
        lock (live.Gate)
        {
            // XID 79, fallen off the bus: unhealthy until the node is reset (docs/health.md).
            live.Simulator.RaiseXid(gpu.Index, 79, NowMs());
            live.Changed = true;
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask NodeRepairedAsync(ReplayNode node, CancellationToken cancellationToken)
    {
        var live = _nodes[node];
        lock (live.Gate)
        {
            live.Simulator.Reboot(NewBootId());
            live.Changed = true;
        }

        return ShowJobsAsync(new Placement(node, [.. node.Gpus.Select(g => new GpuShare(g.Index, 0))]));
    }

    public async ValueTask<IReadOnlyList<ReplayDecision>> NewDecisionsAsync(CancellationToken cancellationToken) =>
        await _decisions.NewAsync(cancellationToken).ConfigureAwait(false);

    public async ValueTask AcknowledgeAsync(string decisionId, CancellationToken cancellationToken) =>
        await _decisions.AcknowledgeAsync(decisionId, cancellationToken).ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
        _ingestHttp.Dispose();
    }

    private ValueTask ShowJobsAsync(Placement placement)
    {
        var live = _nodes[placement.Node];
        lock (live.Gate)
        {
            foreach (var share in placement.Shares)
            {
                var gpu = placement.Node.Gpus[share.Index];
                // Job ids carry the run's prefix: another run's task of the same trace row is another job.
                var jobs = gpu.Tasks.Count == 0 ? null : string.Join(',', gpu.Tasks.Keys.Order(StringComparer.Ordinal).Select(id => _prefix + id));
                live.Simulator.SetJob(gpu.Index, jobs, Math.Min(1, gpu.UsedMilli / 1000.0) * BusyLoad, NowMs());
            }

            live.Changed = true;
        }

        return ValueTask.CompletedTask;
    }

    private async Task LoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var now = NowMs();
            foreach (var live in _nodes.Values)
            {
                if (live.Sending is { IsCompleted: false } || (!live.Changed && now < live.DueMs))
                {
                    continue;
                }

                ArrayBufferWriter<byte> body = new(4096);
                lock (live.Gate)
                {
                    live.Changed = false;
                    NodeReportWriter.Write(body, live.Simulator.Generate(now), singlePrecision: true);
                }

                live.DueMs = now + _intervalMs;
                live.Sending = SendAsync(live, body, ct);
            }

            await Task.Delay(Tick, _time, ct).ConfigureAwait(false);
        }
    }

    private async Task SendAsync(LiveNode live, ArrayBufferWriter<byte> body, CancellationToken ct)
    {
        var result = await _sender.SendAsync(new SendRequest(body.WrittenMemory, Gzip: false, live.Server), ct, _servers + 1).ConfigureAwait(false);
        live.Server = result.Server;
    }

    private long NowMs() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private static string NewBootId() => Guid.NewGuid().ToString("N");
}
