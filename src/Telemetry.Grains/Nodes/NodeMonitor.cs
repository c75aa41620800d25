using Telemetry.Grains.Health;
using Telemetry.Health;
using Telemetry.Placement;
using Telemetry.State;
using Telemetry.Wire;

namespace Telemetry.Grains.Nodes;

/// <summary>
/// Everything a node grain knows about its node, and the decisions it makes, without Orleans: replay
/// detection, the GPUs' latest briefs, gauges, the report interval, silence, health, free GPUs and the
/// summary for the data center. Time is passed in, so tests drive it with a fake clock.
/// </summary>
public sealed class NodeMonitor
{
    private readonly string _nodeId;
    private readonly NodeMonitorOptions _options;
    private readonly NodeHealthEvaluator _health;
    // A sorted list, not a sorted dictionary: the summary and the health rules walk it several times a report, and
    // walking a sorted dictionary allocates a stack each time; a node has 8 GPUs, so inserting in order costs nothing.
    private readonly SortedList<int, GpuBrief> _gpus = [];
    private readonly Dictionary<int, DateTimeOffset> _gpuLastSeen = [];
    private readonly ReportIntervalEstimator _interval = new();
    private readonly BootSequences _boots = new();
    private readonly NodeHolds _holds = new();
    private readonly JobStarts _jobStarts = new();
    private bool _drained;
    private string? _drainReason;
    private IReadOnlyDictionary<string, double> _gauges = new Dictionary<string, double>();
    private long _reports;
    private DateTimeOffset? _lastReportAt;
    private long _newestSampleMs;
    private bool _silent;
    private DateTimeOffset _lastCheckAt;
    // Time since the last report in which this silo could not have heard one (see Checked): not the node's silence.
    private TimeSpan _unheard;
    private NodeSummary? _sentSummary;
    private DateTimeOffset _sentAt;

    // Bumped by everything a summary reads. A summary built at a version already compared with the one sent comes
    // out the same, so the 2-s check skips building it: a node reporting every 10 s changes once in five checks.
    private long _version;
    private long _comparedVersion = -1;
    private long _offeredVersion = -1;

    public NodeMonitor(string nodeId, NodeMonitorOptions options, DateTimeOffset now)
    {
        _nodeId = nodeId;
        _options = options;
        _health = new NodeHealthEvaluator(now, options.MaxClockLag);
        _lastCheckAt = now;
    }

    /// <summary>The node's verdict.</summary>
    public HealthVerdict Health => _health.Verdict;

    /// <summary>True once the node has reported.</summary>
    public bool HasReported => _lastReportAt is not null;

    /// <summary>The GPU with index <paramref name="index"/> as last seen.</summary>
    public GpuBrief Gpu(int index) => _gpus[index];

    /// <summary>True when (bootId, seq) of <paramref name="report"/> was applied already.</summary>
    public bool IsReplay(NodeReport report) => _boots.IsReplay(report.BootId, report.Seq);

    /// <summary>Records a report whose GPU blocks every GPU grain has taken, with the briefs they answered.</summary>
    public void Applied(NodeReport report, IEnumerable<GpuBrief> briefs, DateTimeOffset now)
    {
        _version++;
        _boots.Record(report.BootId, report.Seq);
        _reports++;
        // Only a first report's samples stand in for the interval; later reports skip the walk over their blocks.
        _interval.Observe(now, _interval.LastArrival is null ? SampleSpan(report) : TimeSpan.Zero);
        _lastReportAt = now;
        _unheard = TimeSpan.Zero;
        _silent = false;
        if (report.Gauges.Count > 0)
        {
            // NaN is "not measured" on the wire; a gauge not measured this time is left out.
            _gauges = report.Gauges.Values.Any(double.IsNaN)
                ? report.Gauges.Where(g => !double.IsNaN(g.Value)).ToDictionary(g => g.Key, g => g.Value)
                : report.Gauges;
        }

        foreach (var gpu in report.Gpus)
        {
            _newestSampleMs = Math.Max(_newestSampleMs, gpu.Timestamps[^1]);
            _gpuLastSeen[gpu.Index] = now;
        }

        Update(briefs);
        _holds.JobsStarted(_gpus.Values);
        _jobStarts.Observe(_gpus.Values, now);
    }

    private static TimeSpan SampleSpan(NodeReport report)
    {
        long oldest = long.MaxValue, newest = long.MinValue;
        foreach (var gpu in report.Gpus)
        {
            if (gpu.Timestamps.Length == 0)
            {
                continue;
            }

            oldest = Math.Min(oldest, gpu.Timestamps[0]);
            newest = Math.Max(newest, gpu.Timestamps[^1]);
        }

        return newest > oldest ? TimeSpan.FromMilliseconds(newest - oldest) : TimeSpan.Zero;
    }

    /// <summary>Carries on from what was written before the node grain moved: its reports, report interval, last report and GPUs as last seen.</summary>
    public void Restore(NodeDurableState state, DateTimeOffset now)
    {
        _version++;
        _boots.Import(state.Boots);
        _reports = state.Reports;
        _lastReportAt = state.LastReportAt;
        _interval.Restore(state.ReportInterval, state.LastReportAt);
        _drained = state.Drained;
        _drainReason = state.DrainReason;
        _holds.Import(state.Holds, state.RunningShares ?? []);
        Update(state.Gpus);
        _jobStarts.Import(state.JobsSince);
        _jobStarts.Observe(state.Gpus, now);
        foreach (var gpu in state.Gpus)
        {
            _gpuLastSeen[gpu.Index] = state.LastReportAt ?? now;
        }
    }

    /// <summary>What must outlive this node grain's silo.</summary>
    public void Remember(NodeDurableState state)
    {
        state.Boots = _boots.Export();
        state.Reports = _reports;
        state.LastReportAt = _lastReportAt;
        state.ReportInterval = _interval.Interval;
        state.Gpus = [.. _gpus.Values];
        state.Drained = _drained;
        state.DrainReason = _drainReason;
        state.Holds = _holds.Export();
        state.RunningShares = _holds.ExportRunning();
        state.JobsSince = _jobStarts.Export();
    }

    /// <summary>Takes GPUs' new briefs (after a report, or after being marked offline).</summary>
    public void Update(IEnumerable<GpuBrief> briefs)
    {
        _version++;
        foreach (var brief in briefs)
        {
            _gpus[brief.Index] = brief;
        }
    }

    /// <summary>
    /// Silence that makes this node offline: three report intervals (until a second report has arrived, three times
    /// the time the first one's samples spanned, at most 3 min), never under
    /// <see cref="NodeMonitorOptions.MinOfflineAfter"/>.
    /// </summary>
    public TimeSpan OfflineAfter
    {
        get
        {
            var threeIntervals = 3 * (_interval.Cadence ?? TimeSpan.Zero);
            return threeIntervals > _options.MinOfflineAfter ? threeIntervals : _options.MinOfflineAfter;
        }
    }

    /// <summary>
    /// Notes the periodic check at <paramref name="now"/>, due <paramref name="period"/> after the one before. A check
    /// more than a period late means this silo could not run the node's turns: a paused or starved process, a long
    /// collection, a frozen virtual machine. It could not have taken a report then either, so the time the check is late
    /// does not count as the node's silence (<see cref="CheckSilence"/>, <see cref="Reassess"/>): a silo that stalls past
    /// the offline window does not find every node it holds offline when it wakes, before their queued reports land.
    /// Lateness up to a period is ordinary jitter and counts. Returns the time left out (zero for a check on time).
    /// </summary>
    public TimeSpan Checked(DateTimeOffset now, TimeSpan period)
    {
        var late = now - _lastCheckAt - period;
        _lastCheckAt = now;
        if (late <= period)
        {
            return TimeSpan.Zero;
        }

        _unheard += late;
        foreach (var index in _gpuLastSeen.Keys.ToArray())
        {
            _gpuLastSeen[index] += late;
        }

        return late;
    }

    /// <summary>
    /// Which GPUs went quiet by <paramref name="now"/>: all of them when the node is silent, else those missing
    /// from its reports for <see cref="OfflineAfter"/> (a GPU fallen off the bus, or one the exporter cannot read).
    /// </summary>
    public OfflineCheck CheckSilence(DateTimeOffset now)
    {
        if (_lastReportAt is not { } last || _silent)
        {
            return OfflineCheck.None;
        }

        var threshold = OfflineAfter;
        if (now - last - _unheard >= threshold)
        {
            _version++;
            _silent = true;
            return new OfflineCheck([.. _gpus.Keys], last, NodeSilent: true);
        }

        // Runs every check period on every node: allocates only when a GPU went quiet.
        List<int>? missing = null;
        var since = DateTimeOffset.MaxValue;
        foreach (var (index, seen) in _gpuLastSeen)
        {
            if (now - seen >= threshold && _gpus[index].Health != HealthState.Offline)
            {
                (missing ??= []).Add(index);
                since = seen < since ? seen : since;
            }
        }

        return missing is null ? OfflineCheck.None : new OfflineCheck([.. missing], since, NodeSilent: false);
    }

    /// <summary>Re-judges the node's health; true when its state changed.</summary>
    public bool Reassess(DateTimeOffset now)
    {
        var before = _health.Verdict.State;
        DateTimeOffset? newestSample = _newestSampleMs > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(_newestSampleMs) : null;
        return Changed(_health.Evaluate(_gpus.Values, _lastReportAt, newestSample, OfflineAfter, now, _unheard) && _health.Verdict.State != before);
    }

    /// <summary>GPUs that are healthy, reporting, without a job and not reserved, on a node that is neither silent nor drained.</summary>
    public int FreeGpus => FreeUuids().Count();

    /// <summary>Whether the node is drained, and why.</summary>
    public (bool Drained, string? Reason) Drain => (_drained, _drainReason);

    /// <summary>
    /// Holds the GPUs of <paramref name="hold"/> when each has its share free (re-holding its own GPUs is fine);
    /// false holds nothing. A whole GPU needs all of it free, so it never lands on a shared GPU.
    /// </summary>
    public bool Hold(GpuHold hold, DateTimeOffset now) => Changed(_holds.TryHold(hold, uuid => OpenMilli(uuid, hold.ReservationId), now));

    /// <summary>Moves a reservation's holds here to <paramref name="expiresAt"/>; true when it still holds something here.</summary>
    public bool ExtendHold(string reservationId, DateTimeOffset expiresAt, DateTimeOffset now) => Changed(_holds.Extend(reservationId, expiresAt, now));

    /// <summary>The claims on one GPU (all GPUs when null): holds, running shares, and jobs telemetry shows without one.</summary>
    public GpuClaim[] Claims(string? uuid = null)
    {
        var known = _holds.Claims().Where(c => uuid is null || string.Equals(c.Uuid, uuid, StringComparison.Ordinal)).ToList();
        foreach (var gpu in _gpus.Values.Where(g => uuid is null || string.Equals(g.Uuid, uuid, StringComparison.Ordinal)))
        {
            known.AddRange(GpuShares.JobsOf(gpu.JobId)
                .Where(job => !known.Exists(c => c.ExpiresAt is null && string.Equals(c.Uuid, gpu.Uuid, StringComparison.Ordinal) && string.Equals(c.JobId, job, StringComparison.Ordinal)))
                .Select(job => new GpuClaim { Uuid = gpu.Uuid, Milli = GpuShares.Whole, JobId = job }));
        }

        return [.. known.OrderBy(c => c.Uuid, StringComparer.Ordinal)];
    }

    /// <summary>Thousandths of the GPU held or in use, 0–1000.</summary>
    public int UsedMilli(string uuid) =>
        _gpus.Values.FirstOrDefault(g => string.Equals(g.Uuid, uuid, StringComparison.Ordinal)) is { } gpu ? GpuShares.Whole - _holds.FreeMilli(gpu) : 0;

    /// <summary>Drops a reservation's holds; true when it held something here.</summary>
    public bool Release(string reservationId) => Changed(_holds.Release(reservationId));

    /// <summary>Drops expired holds; true when any was dropped.</summary>
    public bool ExpireHolds(DateTimeOffset now) => Changed(_holds.Expire(now));

    public DateTimeOffset? ReservedUntil(string uuid, DateTimeOffset now) => _holds.ReservedUntil(uuid, now);

    /// <summary>Sets or clears the drain flag; true when it changed.</summary>
    public bool SetDrain(bool drained, string? reason)
    {
        var changed = drained != _drained;
        _version++;
        _drained = drained;
        _drainReason = drained ? reason : null;
        return changed;
    }

    // Thousandths a new hold could get: none unless the GPU is healthy on a reporting, undrained node.
    private int OpenMilli(string uuid, string? reservationId = null) =>
        !_silent && !_drained && _gpus.Values.FirstOrDefault(g => string.Equals(g.Uuid, uuid, StringComparison.Ordinal)) is { Health: HealthState.Healthy } gpu
            ? _holds.FreeMilli(gpu, reservationId)
            : 0;

    private IEnumerable<string> FreeUuids() =>
        _silent || _drained ? [] : _gpus.Values.Where(g => g.Health == HealthState.Healthy && _holds.FreeMilli(g) == GpuShares.Whole).Select(g => g.Uuid);

    // GPUs carrying a share of a GPU: fractions go here before a whole GPU is broken.
    private SharedGpu[] SharedGpus() =>
        [.. _gpus.Values.Where(g => _holds.IsShared(g.Uuid)).Select(g => new SharedGpu(g.Uuid, GpuShares.Whole - _holds.FreeMilli(g), OpenMilli(g.Uuid) > 0))];

    /// <summary>
    /// The summary to send the data center now, or null when it has not changed materially
    /// (<see cref="SummaryChange"/>) and the heartbeat is not due. Call <see cref="SummarySent"/> once it is delivered.
    /// </summary>
    public NodeSummary? SummaryToSend(DateTimeOffset now, bool force = false)
    {
        if (!HasReported)
        {
            return null;
        }

        var heartbeatDue = _sentSummary is null || now - _sentAt >= _options.SummaryHeartbeat;
        if (!force && !heartbeatDue && _version == _comparedVersion)
        {
            return null;
        }

        var summary = Summarize();
        if (force || heartbeatDue || SummaryChange.IsMaterial(_sentSummary!, summary))
        {
            // Compared once delivered: a send that fails is offered again at the next check.
            _offeredVersion = _version;
            return summary;
        }

        _comparedVersion = _version;
        return null;
    }

    /// <summary>Records that the data center has <paramref name="summary"/>.</summary>
    public void SummarySent(NodeSummary summary, DateTimeOffset now)
    {
        _sentSummary = summary;
        _sentAt = now;
        _comparedVersion = _offeredVersion;
    }

    private bool Changed(bool changed)
    {
        if (changed)
        {
            _version++;
        }

        return changed;
    }

    /// <summary>The node as the API shows it; null before its first report.</summary>
    public NodeSnapshot? Snapshot() => _lastReportAt is null ? null : new NodeSnapshot
    {
        Id = _nodeId,
        DataCenter = NodeIds.DataCenterOf(_nodeId),
        Host = NodeIds.HostOf(_nodeId),
        Health = _health.Verdict,
        Gauges = _gauges,
        LastReportAt = _lastReportAt,
        FreeGpus = FreeGpus,
        Drained = _drained,
        DrainReason = _drainReason,
        ReportIntervalSeconds = _interval.Interval?.TotalSeconds,
        Gpus = [.. _gpus.Values],
        BootId = _boots.CurrentBootId,
        LastSeq = _boots.CurrentSeq,
        Reports = _reports,
        Claims = Claims(),
    };

    private NodeSummary Summarize()
    {
        int healthy = 0, degraded = 0, unhealthy = 0, offline = 0;
        var utils = new List<double>(_gpus.Count);
        var power = 0.0;
        string[] free = [.. FreeUuids()];
        foreach (var gpu in _gpus.Values)
        {
            switch (gpu.Health)
            {
                case HealthState.Healthy: healthy++; break;
                case HealthState.Degraded: degraded++; break;
                case HealthState.Unhealthy: unhealthy++; break;
                default: offline++; continue;
            }

            if (gpu.UtilPct is { } util)
            {
                utils.Add(util);
            }

            power += gpu.PowerW ?? 0;
        }

        return new NodeSummary
        {
            NodeId = _nodeId,
            Health = _health.Verdict.State,
            GpusByHealth = new HealthCounts(healthy, degraded, unhealthy, offline),
            FreeGpus = free.Length,
            GpuUtilPct = [.. utils],
            PowerW = power,
            LastReportAt = _lastReportAt,
            Model = _gpus.Count > 0 ? _gpus.Values.First().Model : null,
            GpuBriefs = [.. _gpus.Values],
            FreeGpuUuids = free,
            SharedGpus = SharedGpus(),
            FreeMemoryMib = free.Length == 0 ? null : _gpus.Values.Where(g => free.Contains(g.Uuid, StringComparer.Ordinal)).Min(g => g.FbFreeMib),
            Headroom = NodeHeadroom.Of(_gpus.Values),
            Drained = _drained,
            DrainReason = _drainReason,
            Jobs = [.. _gpus.Values.SelectMany(g => GpuShares.JobsOf(g.JobId)).GroupBy(j => j, StringComparer.Ordinal).Select(j => new JobShare(j.Key, j.Count()) { Since = _jobStarts.Since(j.Key) })],
        };
    }
}
