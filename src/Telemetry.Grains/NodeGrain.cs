using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telemetry.Grains.Health;
using Telemetry.Health;
using Telemetry.State;
using Telemetry.Wire;

namespace Telemetry.Grains;

/// <summary>
/// One GPU node. De-duplicates reports by (bootId, seq), fans each report out to its GPUs with one call
/// per GPU, keeps node gauges and health, and tells its data center when its summary changes.
/// </summary>
[CollectionAgeLimit(Days = 1)]
public sealed partial class NodeGrain(
    TimeProvider time,
    IOptions<NodeMonitorOptions> options,
    ILogger<NodeGrain> logger) : Grain, INodeGrain
{
    private readonly NodeMonitorOptions _options = options.Value;
    private readonly NodeHealthEvaluator _evaluator = new(time.GetUtcNow(), options.Value.MaxClockLag);
    private readonly SortedDictionary<int, GpuBrief> _gpus = [];
    private readonly ReportIntervalEstimator _interval = new();
    private readonly BootSequences _boots = new();
    private readonly Dictionary<int, DateTimeOffset> _gpuLastSeen = [];
    private IReadOnlyDictionary<string, double> _gauges = new Dictionary<string, double>();
    private long _reports;
    private DateTimeOffset? _lastReportAt;
    private long _newestSampleMs;
    private bool _silent;
    private NodeSummary? _sentSummary;
    private DateTimeOffset _sentAt;

    private string NodeId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Interleaved so a node under steady ingest still notices silence of others and sends heartbeats.
        this.RegisterGrainTimer(CheckAsync, new GrainTimerCreationOptions
        {
            DueTime = _options.CheckPeriod,
            Period = _options.CheckPeriod,
            Interleave = true,
            KeepAlive = true,
        });
        return Task.CompletedTask;
    }

    public async Task<IngestOutcome> ApplyAsync(NodeReport[] reports)
    {
        var outcome = IngestOutcome.None;
        foreach (var report in reports)
        {
            if (IsReplay(report))
            {
                outcome = outcome.Add(new IngestOutcome(0, 0, 1));
                continue;
            }

            await FanOutAsync(report);

            // Recorded only after every GPU took its block: a failed fan-out is retried whole, and GPUs skip what they have.
            _boots.Record(report.BootId, report.Seq);
            _reports++;
            var now = time.GetUtcNow();
            _interval.Observe(now);
            _lastReportAt = now;
            _silent = false;
            if (report.Gauges.Count > 0)
            {
                _gauges = report.Gauges;
            }

            foreach (var gpu in report.Gpus)
            {
                _newestSampleMs = Math.Max(_newestSampleMs, gpu.Timestamps[^1]);
                _gpuLastSeen[gpu.Index] = now;
            }

            outcome = outcome.Add(new IngestOutcome(1, report.SampleCount, 0));
        }

        if (outcome.Reports > 0)
        {
            Reassess(time.GetUtcNow());
        }

        return outcome;
    }

    public Task<NodeSnapshot?> GetSnapshotAsync()
    {
        if (_lastReportAt is null)
        {
            return Task.FromResult<NodeSnapshot?>(null);
        }

        return Task.FromResult<NodeSnapshot?>(new NodeSnapshot
        {
            Id = NodeId,
            DataCenter = NodeIds.DataCenterOf(NodeId),
            Host = NodeIds.HostOf(NodeId),
            Health = _evaluator.Verdict,
            Gauges = _gauges,
            LastReportAt = _lastReportAt,
            FreeGpus = FreeGpus(),
            ReportIntervalSeconds = _interval.Interval?.TotalSeconds,
            Gpus = [.. _gpus.Values],
            BootId = _boots.CurrentBootId,
            LastSeq = _boots.CurrentSeq,
            Reports = _reports,
        });
    }

    private bool IsReplay(NodeReport report) => _boots.IsReplay(report.BootId, report.Seq);

    private async Task FanOutAsync(NodeReport report)
    {
        var calls = new Task<GpuBrief>[report.Gpus.Length];
        for (var i = 0; i < calls.Length; i++)
        {
            var gpu = report.Gpus[i];
            calls[i] = GrainFactory.GetGrain<IGpuGrain>(gpu.Uuid).ApplyAsync(new GpuReport(NodeId, report.BootId, report.Seq, gpu));
        }

        foreach (var brief in await Task.WhenAll(calls))
        {
            _gpus[brief.Index] = brief;
        }
    }

    private async Task CheckAsync(CancellationToken cancellationToken)
    {
        if (_lastReportAt is not { } last)
        {
            return;
        }

        var now = time.GetUtcNow();
        if (!_silent && now - last >= OfflineAfter())
        {
            _silent = true;
            LogNodeSilent(NodeId, now - last);
            await MarkGpusOfflineAsync(_gpus.Keys, last);
        }
        else if (!_silent)
        {
            // A GPU that dropped out of its node's reports (fallen off the bus, exporter cannot read it) goes offline alone.
            var missing = _gpuLastSeen.Where(g => now - g.Value >= OfflineAfter() && _gpus[g.Key].Health != HealthState.Offline).Select(g => g.Key).ToArray();
            if (missing.Length > 0)
            {
                await MarkGpusOfflineAsync(missing, _gpuLastSeen[missing[0]]);
            }
        }

        Reassess(now);
        var summary = Summarize();
        if (_sentSummary is null || SummaryChange.IsMaterial(_sentSummary, summary) || now - _sentAt >= _options.SummaryHeartbeat)
        {
            await GrainFactory.GetGrain<IDataCenterGrain>(NodeIds.DataCenterOf(NodeId)).ReportNodeAsync(summary);
            _sentSummary = summary;
            _sentAt = now;
        }
    }

    private async Task MarkGpusOfflineAsync(IEnumerable<int> indexes, DateTimeOffset since)
    {
        var calls = indexes.Select(i => GrainFactory.GetGrain<IGpuGrain>(_gpus[i].Uuid).MarkOfflineAsync(since)).ToArray();
        foreach (var brief in await Task.WhenAll(calls))
        {
            if (brief is not null)
            {
                _gpus[brief.Index] = brief;
            }
        }
    }

    /// <summary>Silence that makes this node offline: three report intervals, never under the configured minimum.</summary>
    private TimeSpan OfflineAfter()
    {
        var threeIntervals = 3 * (_interval.Interval ?? TimeSpan.Zero);
        return threeIntervals > _options.MinOfflineAfter ? threeIntervals : _options.MinOfflineAfter;
    }

    private void Reassess(DateTimeOffset now)
    {
        var before = _evaluator.Verdict.State;
        DateTimeOffset? newestSample = _newestSampleMs > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(_newestSampleMs) : null;
        if (_evaluator.Evaluate([.. _gpus.Values], _lastReportAt, newestSample, OfflineAfter(), now) && _evaluator.Verdict.State != before)
        {
            LogHealthChanged(NodeId, _evaluator.Verdict.State, _evaluator.Verdict.Reasons);
        }
    }

    private int FreeGpus()
    {
        if (_silent)
        {
            return 0;
        }

        var free = 0;
        foreach (var gpu in _gpus.Values)
        {
            if (gpu.Health == HealthState.Healthy && gpu.JobId is null)
            {
                free++;
            }
        }

        return free;
    }

    private NodeSummary Summarize()
    {
        int healthy = 0, degraded = 0, unhealthy = 0, offline = 0;
        var utils = new List<double>(_gpus.Count);
        var power = 0.0;
        foreach (var gpu in _gpus.Values)
        {
            switch (gpu.Health)
            {
                case HealthState.Healthy: healthy++; break;
                case HealthState.Degraded: degraded++; break;
                case HealthState.Unhealthy: unhealthy++; break;
                default: offline++; break;
            }

            if (gpu.UtilPct is { } util && gpu.Health != HealthState.Offline)
            {
                utils.Add(util);
            }

            power += gpu.Health == HealthState.Offline ? 0 : gpu.PowerW ?? 0;
        }

        return new NodeSummary
        {
            NodeId = NodeId,
            Health = _evaluator.Verdict.State,
            GpusByHealth = new HealthCounts(healthy, degraded, unhealthy, offline),
            FreeGpus = FreeGpus(),
            GpuUtilPct = [.. utils],
            PowerW = power,
            LastReportAt = _lastReportAt,
            Model = _gpus.Count > 0 ? _gpus.Values.First().Model : null,
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {NodeId} has been silent for {Silence}; its GPUs are offline")]
    private partial void LogNodeSilent(string nodeId, TimeSpan silence);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {NodeId} is now {State}: {Reasons}")]
    private partial void LogHealthChanged(string nodeId, HealthState state, string[] reasons);
}
