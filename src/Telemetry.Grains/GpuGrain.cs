using Microsoft.Extensions.Logging;
using Orleans.Placement;
using Telemetry.Fields;
using Telemetry.Grains.Events;
using Telemetry.Grains.Health;
using Telemetry.Grains.Jobs;
using Telemetry.Grains.Windows;
using Telemetry.Health;
using Telemetry.Jobs;
using Telemetry.State;
using Telemetry.Wire;

namespace Telemetry.Grains;

/// <summary>
/// One GPU. Thin: it keeps the GPU's identity and replay guard, and hands samples to
/// <see cref="GpuWindows"/> and <see cref="GpuHealthTracker"/>, where the logic lives.
/// </summary>
/// <remarks>
/// Placed on the silo of its first caller, which is its node grain, so the node's fan-out stays in-process.
/// Kept for a day without calls so a silent GPU's verdict stays readable after its node goes offline.
/// </remarks>
[PreferLocalPlacement]
[CollectionAgeLimit(Days = 1)]
public sealed partial class GpuGrain(
    TimeProvider time,
    IGrainContext context,
    DurableStates states,
    HealthChangePublisher healthChanges,
    ITimeSeriesSink sink,
    ILogger<GpuGrain> logger) : Grain, IGpuGrain
{
    // Null without durable storage, where there is nothing to read or write.
    private readonly IPersistentState<GpuDurableState>? _durable = states.For<GpuDurableState>(context, "gpu");
    private readonly GpuWindows _windows = new();
    private readonly RollupCursor _rollups = new();
    private RollupEmitter? _writeRollup;
    private RollupCursor _jobWindows = new();
    private readonly ClockReasonBits _reasonBits = new();
    private RollupEmitter _sendJobWindow = null!;
    private GpuHealthTracker _health = new(time.GetUtcNow());
    private readonly XidLog _xids = new();
    private string? _nodeId;
    private string _model = "";
    private int _index;
    private string? _jobId;
    private IJobGrain? _jobGrain;
    private string? _jobGrainId;
    private string? _uuid;
    private string? _bootId;
    private string? _hostBootId;
    private ulong _lastSeq;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Made once, so that closing a bucket does not allocate a delegate per report.
        _writeRollup = sink.IsEnabled ? WriteRollup : null;
        _sendJobWindow = SendJobWindow;

        // After a silo crash the GPU comes back with its identity and verdict; windows refill from the stream.
        if (_durable?.State is { NodeId: { } nodeId } state)
        {
            _nodeId = nodeId;
            _model = state.Model;
            _index = state.Index;
            _jobId = state.JobId;
            _hostBootId = state.HostBootId;
            if (state.Health is { } memory)
            {
                _health = new GpuHealthTracker(memory);
            }
        }

        return Task.CompletedTask;
    }

    public Task<GpuBrief> ApplyAsync(GpuReport report)
    {
        var samples = report.Samples;
        var newBoot = _bootId is not null && !string.Equals(_bootId, report.BootId, StringComparison.Ordinal);
        if (!newBoot && _bootId is not null && report.Seq <= _lastSeq)
        {
            // A retried body whose node grain did not record it: the GPU already has these samples.
            return Task.FromResult(Brief());
        }

        var moved = !string.Equals(_nodeId, report.NodeId, StringComparison.Ordinal);

        // Only a changed host boot id is evidence of a reset: a new exporter bootId is just a restarted exporter.
        var hostRebooted = _hostBootId is not null && report.HostBootId is not null && !string.Equals(_hostBootId, report.HostBootId, StringComparison.Ordinal);
        var hostChanged = report.HostBootId is not null && !string.Equals(_hostBootId, report.HostBootId, StringComparison.Ordinal);
        _hostBootId = report.HostBootId ?? _hostBootId;
        var before = _health.Verdict.State;
        var changed = !string.Equals(_jobId, samples.JobId, StringComparison.Ordinal) && LeaveJob();
        _bootId = report.BootId;
        _lastSeq = report.Seq;
        _nodeId = report.NodeId;
        _index = samples.Index;
        _model = samples.Model;
        _jobId = samples.JobId;
        _windows.Add(samples);
        if (_writeRollup is not null)
        {
            _rollups.Advance(_windows, _writeRollup);
        }

        if (_jobId is not null)
        {
            // One summary per closed 10-second bucket goes to the job, one-way: never a call per report.
            _reasonBits.Add(samples);
            SendJobWindows();
        }

        if (samples.Xids.Length > 0)
        {
            _xids.Add(DateTimeOffset.FromUnixTimeMilliseconds(samples.Timestamps[^1]), samples.Xids);
        }

        changed |= _health.Observe(samples, hostRebooted, time.GetUtcNow());
        if (changed)
        {
            HealthChanged(before);
        }

        return changed || moved || hostChanged ? RememberAsync() : Task.FromResult(Brief());
    }

    public Task<GpuSnapshot?> GetSnapshotAsync()
    {
        if (_nodeId is null)
        {
            return Task.FromResult<GpuSnapshot?>(null);
        }

        var newest = _windows.NewestTimestampMs;
        return Task.FromResult<GpuSnapshot?>(new GpuSnapshot
        {
            Uuid = Uuid,
            Node = _nodeId,
            DataCenter = NodeIds.DataCenterOf(_nodeId),
            Index = _index,
            Model = _model,
            JobId = _jobId,
            Health = _health.Verdict,
            LastSampleAt = newest is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null,
            Samples = _windows.SampleCount,
            Last = _windows.LastValues(),
            Windows = _windows.Snapshot(),
            Xids = _xids.NewestFirst(),
        });
    }

    public Task<HistoryPoint[]> GetHistoryAsync(int fieldId, int minutes) =>
        Task.FromResult(_nodeId is null ? [] : _windows.History(fieldId, minutes));

    public async Task<GpuBrief?> MarkOfflineAsync(DateTimeOffset since)
    {
        if (_nodeId is null)
        {
            return null;
        }

        if (_writeRollup is not null)
        {
            // The GPU went quiet: its last bucket will see no later sample to close it.
            _rollups.Flush(_windows, _writeRollup);
        }

        var before = _health.Verdict.State;
        var left = before != HealthState.Offline && _jobId is not null && LeaveJob();
        if (_health.MarkOffline(since) || left)
        {
            HealthChanged(before);
            return await RememberAsync();
        }

        return Brief();
    }

    public Task MarkStragglerAsync(StragglerNote note)
    {
        ArgumentNullException.ThrowIfNull(note);

        // A late word from a job the GPU has left changes nothing.
        if (_nodeId is null || !string.Equals(note.JobId, _jobId, StringComparison.Ordinal))
        {
            return Task.CompletedTask;
        }

        var before = _health.Verdict.State;
        if (!_health.MarkStraggler(HealthRules.Straggler(note.Reason, note.Action), note.SampleMs, time.GetUtcNow()))
        {
            return Task.CompletedTask;
        }

        HealthChanged(before);
        return RememberAsync();
    }

    public Task ClearStragglerAsync(string jobId)
    {
        if (_nodeId is null || !string.Equals(jobId, _jobId, StringComparison.Ordinal))
        {
            return Task.CompletedTask;
        }

        var before = _health.Verdict.State;
        if (!_health.ClearStraggler(time.GetUtcNow()))
        {
            return Task.CompletedTask;
        }

        HealthChanged(before);
        return RememberAsync();
    }

    public async Task<string[]?> ClearHealthAsync()
    {
        if (_nodeId is null)
        {
            return null;
        }

        var cleared = _health.Verdict.Reasons.Where(r => !string.Equals(r, HealthRules.Offline.Reason, StringComparison.Ordinal)).ToArray();
        var before = _health.Verdict.State;
        if (_health.ClearByOperator(time.GetUtcNow()))
        {
            HealthChanged(before);
            await RememberAsync();
        }

        return cleared;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_writeRollup is not null)
        {
            _rollups.Flush(_windows, _writeRollup);
        }

        return Task.CompletedTask;
    }

    /// <summary>Writes identity and health when they changed (rarely: a first report, a new verdict), then answers.</summary>
    private Task<GpuBrief> RememberAsync() => _durable is null ? Task.FromResult(Brief()) : WriteAsync(_durable);

    private async Task<GpuBrief> WriteAsync(IPersistentState<GpuDurableState> durable)
    {
        durable.State.NodeId = _nodeId;
        durable.State.Model = _model;
        durable.State.Index = _index;
        durable.State.JobId = _jobId;
        durable.State.Health = _health.Remember();
        durable.State.HostBootId = _hostBootId;
        await DurableWrite.WriteAsync(durable, this);
        return Brief();
    }

    private GpuBrief Brief()
    {
        var used = _windows.LastValue(FieldCatalog.FbUsedMib);
        var total = _windows.LastValue(FieldCatalog.FbTotalMib);
        return new GpuBrief
        {
            Uuid = Uuid,
            Index = _index,
            Model = _model,
            JobId = _jobId,
            Health = _health.Verdict.State,
            UtilPct = Measured(_windows.LastValue(FieldCatalog.GpuUtilPct)),
            PowerW = Measured(_windows.LastValue(FieldCatalog.PowerW)),
            TempC = Measured(_windows.LastValue(FieldCatalog.GpuTempC)),
            FbFreeMib = Measured(total - used),
            FbTotalMib = Measured(total),
            PowerLimitW = Measured(_windows.LastValue(FieldCatalog.PowerLimitW)),
            Straggler = _health.IsStraggler,
        };
    }

    private void HealthChanged(HealthState before)
    {
        var verdict = _health.Verdict;
        LogHealthChanged(Uuid, verdict.State, verdict.Reasons);
        healthChanges.Publish(new HealthChange
        {
            At = time.GetUtcNow(),
            Subject = HealthSubject.Gpu,
            Id = Uuid,
            Node = _nodeId!,
            DataCenter = NodeIds.DataCenterOf(_nodeId!),
            From = before,
            To = verdict,
        });
    }

    /// <summary>Tells the GPU's job it left (one-way) and drops its straggler rule; true when that changed the verdict.</summary>
    private bool LeaveJob()
    {
        if (_jobId is { } job)
        {
            _ = GrainRefs.Of<IJobGrain>(GrainFactory, job).LeaveAsync(Uuid);
        }

        _jobWindows = new RollupCursor();
        return _health.ClearStraggler(time.GetUtcNow());
    }

    private void SendJobWindow(long bucket, ReadOnlySpan<double> means, ReadOnlySpan<double> maxes, int rows) =>
        Outgoing.Add(JobWindows.From(Uuid, _nodeId!, bucket, means, _reasonBits.Of(bucket)));

    // One message per report however many buckets it closed (a report spanning 40 s closes four).
    private void SendJobWindows()
    {
        var outgoing = Outgoing;
        try
        {
            _jobWindows.Advance(_windows, _sendJobWindow);
            if (outgoing.Count == 1)
            {
                _ = JobGrain().ReportWindowAsync(outgoing[0]);
            }
            else if (outgoing.Count > 1)
            {
                _ = JobGrain().ReportWindowsAsync([.. outgoing]);
            }
        }
        finally
        {
            // Shared by every GPU grain on this thread: nothing may be left for the next one.
            outgoing.Clear();
        }
    }

    // Filled and sent within one synchronous stretch of a grain turn, so one list per thread serves every GPU grain
    // without a list per GPU (260,000 of them on a national silo).
    [ThreadStatic]
    private static List<JobWindow>? t_outgoing;

    private static List<JobWindow> Outgoing => t_outgoing ??= [];

    // The job's reference, made again only when the GPU changes job: a GPU sends its job a window every 10 s of sample time.
    private IJobGrain JobGrain()
    {
        if (_jobGrain is null || !string.Equals(_jobGrainId, _jobId, StringComparison.Ordinal))
        {
            _jobGrain = GrainRefs.Of<IJobGrain>(GrainFactory, _jobId!);
            _jobGrainId = _jobId;
        }

        return _jobGrain;
    }

    private void WriteRollup(long bucket, ReadOnlySpan<double> means, ReadOnlySpan<double> maxes, int rows) =>
        sink.WriteGpuRollup(new GpuRollup
        {
            Uuid = Uuid,
            Node = _nodeId!,
            DataCenter = NodeIds.DataCenterOf(_nodeId!),
            Model = _model,
            JobId = _jobId,
            BucketStartMs = bucket * 10_000,
            Samples = rows,
            Means = means.ToArray(),
            Maxes = maxes.ToArray(),
        });

    // Kept: the grain key makes a new string each time it is read, and the job windows and rollups read it every bucket.
    private string Uuid => _uuid ??= this.GetPrimaryKeyString();

    private static double? Measured(double value) => double.IsNaN(value) ? null : value;

    [LoggerMessage(Level = LogLevel.Information, Message = "GPU {Uuid} is now {State}: {Reasons}")]
    private partial void LogHealthChanged(string uuid, HealthState state, string[] reasons);
}
