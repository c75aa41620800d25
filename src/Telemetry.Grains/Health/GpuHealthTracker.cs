using Telemetry.Fields;
using Telemetry.Health;
using Telemetry.Wire;

namespace Telemetry.Grains.Health;

/// <summary>
/// One GPU's health state machine (healthy → degraded → unhealthy; offline when silent), driven by
/// <see cref="HealthRules"/>. Time comes only from the arguments: holds and rates run on sample time
/// (the reports' timestamps), <see cref="HealthVerdict.Since"/> on the server times passed in.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Unhealthy rules (XIDs 48, 64, 74, 79, 95, 119, 120, 140; ecc_dbe_delta &gt; 0; row_remap_failure = 1) are
/// sticky: they end only on <see cref="ClearByOperator"/> or on a reset — the first report after the host rebooted
/// (its host boot id changed) whose own samples and XIDs fire no unhealthy rule. A new exporter bootId alone is no reset.</item>
/// <item>Event rules (XIDs 94, 63, 38, 39, 42) hold for <see cref="HealthRules.EventHold"/> after their last occurrence.</item>
/// <item>Condition rules (row_remap_pending = 1, gpu_temp_c over <see cref="GpuModelLimits"/>, throttling in more
/// than <see cref="HealthRules.ThrottleEnterShare"/> of the last minute's samples that measured clock_event_reasons — kept
/// while at least <see cref="HealthRules.ThrottleExitShare"/> — PCIe replays or NVLink CRC errors over their per-minute
/// limits) clear once absent for <see cref="HealthRules.ConditionClear"/>, which is also their minimum dwell.</item>
/// <item>Offline is set by <see cref="MarkOffline"/>; the next report leaves it and re-evaluates, sticky rules kept.</item>
/// </list>
/// XIDs are stamped with the report's newest sample time. Reasons list every active rule, worst first,
/// then in the order they first fired; <see cref="HealthVerdict.Since"/> moves only when the state changes.
/// </remarks>
public sealed class GpuHealthTracker
{
    private readonly List<ActiveRule> _active = [];
    private readonly MinuteTally _minute = new();
    private long? _newestMs;
    private bool _offline;

    /// <summary>Starts healthy since <paramref name="since"/>.</summary>
    public GpuHealthTracker(DateTimeOffset since) => Verdict = HealthVerdict.HealthySince(since);

    /// <summary>A tracker that carries on from <paramref name="memory"/> (written before a silo went away).</summary>
    public GpuHealthTracker(HealthMemory memory)
    {
        ArgumentNullException.ThrowIfNull(memory);
        Verdict = memory.Verdict;
        _newestMs = memory.NewestSampleMs;
        _offline = memory.Offline;
        foreach (var active in memory.Active)
        {
            // A rule unknown to this version (written by a newer one) is dropped rather than guessed at.
            if (HealthRules.TryGet(active.Key, out var rule))
            {
                _active.Add(new ActiveRule(rule, active.LastSeenMs, HoldOf(rule)));
            }
        }
    }

    /// <summary>What must outlive this tracker's silo; see <see cref="HealthMemory"/>.</summary>
    public HealthMemory Remember() => new()
    {
        Verdict = Verdict,
        Active = [.. _active.Select(a => new ActiveRuleMemory(a.Rule.Key, a.LastSeenMs))],
        NewestSampleMs = _newestMs,
        Offline = _offline,
    };

    /// <summary>The current verdict.</summary>
    public HealthVerdict Verdict { get; private set; }

    /// <summary>
    /// Applies one report of the GPU. <paramref name="hostRebooted"/> says this is the first report since the host's
    /// boot id changed (a reset when the report is clean); <paramref name="now"/> is the server's receive time.
    /// Returns true when the state or the reasons changed.
    /// </summary>
    public bool Observe(GpuSamples samples, bool hostRebooted, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(samples);
        _offline = false;
        if (samples.SampleCount == 0)
        {
            return UpdateVerdict(now);
        }

        var reportMs = samples.Timestamps[^1];
        _newestMs = _newestMs is { } n && n > reportMs ? n : reportMs;
        var dirty = false;
        foreach (var code in samples.Xids)
        {
            if (HealthRules.Xids.TryGetValue(code, out var rule))
            {
                dirty |= Fire(rule, reportMs);
            }
        }

        var tempLimit = GpuModelLimits.MaxTemperatureC(samples.Model);
        for (var row = 0; row < samples.SampleCount; row++)
        {
            dirty |= ObserveRow(samples, row, tempLimit);
        }

        if (hostRebooted && !dirty)
        {
            // A reset: the GPU came back clean, so the sticky verdicts from before it no longer stand.
            _active.RemoveAll(static a => a.Hold is null);
        }

        ObserveLastMinute(_newestMs.Value);
        RemoveExpired(_newestMs.Value);
        return UpdateVerdict(now);
    }

    /// <summary>The node went silent: offline from <paramref name="since"/>. Returns true when that changed the verdict.</summary>
    public bool MarkOffline(DateTimeOffset since)
    {
        if (_offline)
        {
            return false;
        }

        _offline = true;
        return UpdateVerdict(since);
    }

    /// <summary>An operator cleared the GPU: every active rule is dropped (conditions still present fire again on the next report).</summary>
    public bool ClearByOperator(DateTimeOffset now)
    {
        _active.Clear();
        return UpdateVerdict(now);
    }

    /// <summary>
    /// The GPU's job judges it a straggler at sample time <paramref name="sampleMs"/>: the rule holds like a condition,
    /// <see cref="HealthRules.ConditionClear"/> past the last time the job said so. Returns true when the verdict changed.
    /// </summary>
    public bool MarkStraggler(HealthRule rule, long sampleMs, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rule);
        Fire(rule, sampleMs);
        return UpdateVerdict(now);
    }

    /// <summary>True while the GPU's job judges it a straggler.</summary>
    public bool IsStraggler
    {
        get
        {
            // A loop, not a lambda: this is read on every report.
            foreach (var active in _active)
            {
                if (string.Equals(active.Rule.Key, HealthRules.StragglerKey, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>The GPU's job judges it keeps up again (or the GPU left the job). Returns true when the verdict changed.</summary>
    public bool ClearStraggler(DateTimeOffset now)
    {
        _active.RemoveAll(static a => a.Rule.Key == HealthRules.StragglerKey);
        return UpdateVerdict(now);
    }

    private bool ObserveRow(GpuSamples samples, int row, double tempLimit)
    {
        var ts = samples.Timestamps[row];
        var dirty = false;
        if (samples.Value(row, FieldCatalog.EccDbeDelta) > 0)
        {
            dirty |= Fire(HealthRules.EccDoubleBit, ts);
        }

        if (samples.Value(row, FieldCatalog.RowRemapFailure) >= 1)
        {
            dirty |= Fire(HealthRules.RowRemapFailure, ts);
        }

        if (samples.Value(row, FieldCatalog.RowRemapPending) >= 1)
        {
            Fire(HealthRules.RowRemapPending, ts);
        }

        if (samples.Value(row, FieldCatalog.GpuTempC) > tempLimit)
        {
            Fire(HealthRules.OverTemperature, ts);
        }

        _minute.Add(
            ts,
            samples.Value(row, FieldCatalog.ClockEventReasons),
            samples.Value(row, FieldCatalog.PcieReplayDelta),
            samples.Value(row, FieldCatalog.NvlinkCrcErrorsDelta));
        return dirty;
    }

    private void ObserveLastMinute(long newestMs)
    {
        var (clockSamples, throttled, replays, crc) = _minute.LastMinute(newestMs);

        // Hysteresis: entered above one share of throttled samples, kept while at or above a lower one, so a GPU hovering
        // around half throttled stays degraded instead of flapping; it clears ConditionClear after it last held.
        var share = clockSamples == 0 ? 0 : (double)throttled / clockSamples;
        if (clockSamples > 0 && (IndexOf(HealthRules.Throttling) >= 0 ? share >= HealthRules.ThrottleExitShare : share > HealthRules.ThrottleEnterShare))
        {
            Fire(HealthRules.Throttling, newestMs);
        }

        if (replays > HealthRules.MaxPcieReplaysPerMinute)
        {
            Fire(HealthRules.PcieReplaysRising, newestMs);
        }

        if (crc > HealthRules.MaxNvlinkCrcErrorsPerMinute)
        {
            Fire(HealthRules.NvlinkCrcRising, newestMs);
        }
    }

    /// <summary>Records that a rule fired at a sample time; returns true when it is an unhealthy rule.</summary>
    private bool Fire(HealthRule rule, long atMs)
    {
        var i = IndexOf(rule);
        if (i < 0)
        {
            _active.Add(new ActiveRule(rule, atMs, HoldOf(rule)));
        }
        else if (atMs > _active[i].LastSeenMs)
        {
            _active[i] = _active[i] with { LastSeenMs = atMs };
        }

        return rule.Verdict == HealthState.Unhealthy;
    }

    // Loops rather than lambdas: this runs for every GPU on every report, and a capturing lambda allocates.
    private int IndexOf(HealthRule rule)
    {
        for (var i = 0; i < _active.Count; i++)
        {
            if (string.Equals(_active[i].Rule.Key, rule.Key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private void RemoveExpired(long newestMs)
    {
        for (var i = _active.Count - 1; i >= 0; i--)
        {
            if (_active[i].ExpiredAt(newestMs))
            {
                _active.RemoveAt(i);
            }
        }
    }

    /// <summary>True when the verdict would list exactly the reasons it lists now, in the same order (worst first, then first fired).</summary>
    private bool SameReasons()
    {
        var old = Verdict.Reasons;
        var k = 0;
        if (_offline && (old.Length == 0 || !string.Equals(old[k++], HealthRules.Offline.Reason, StringComparison.Ordinal)))
        {
            return false;
        }

        for (var level = HealthState.Offline; level >= HealthState.Degraded; level--)
        {
            foreach (var active in _active)
            {
                if (active.Rule.Verdict == level && (k >= old.Length || !string.Equals(old[k++], active.Rule.Reason, StringComparison.Ordinal)))
                {
                    return false;
                }
            }
        }

        return k == old.Length;
    }

    private HealthState CurrentState()
    {
        if (_offline)
        {
            return HealthState.Offline;
        }

        var worst = HealthState.Healthy;
        foreach (var active in _active)
        {
            worst = active.Rule.Verdict > worst ? active.Rule.Verdict : worst;
        }

        return worst;
    }

    private static TimeSpan? HoldOf(HealthRule rule) =>
        rule.Verdict == HealthState.Unhealthy ? null
        : rule.Key.StartsWith("xid-", StringComparison.Ordinal) ? HealthRules.EventHold
        : HealthRules.ConditionClear;

    private bool UpdateVerdict(DateTimeOffset at)
    {
        // Most reports change nothing: decide that without allocating.
        if (CurrentState() == Verdict.State && SameReasons())
        {
            return false;
        }

        // Offline ranks worst, so it leads the reasons while it lasts.
        var rules = _active.Select(a => a.Rule);
        var verdict = VerdictJudge.Judge(_offline ? rules.Prepend(HealthRules.Offline) : rules, Verdict, at);
        if (verdict is null)
        {
            return false;
        }

        Verdict = verdict;
        return true;
    }
}
