using Telemetry.Jobs;

namespace Telemetry.Grains.Jobs;

/// <summary>
/// One job's straggler state machine over its GPUs' 10-second windows. A window is judged once every GPU of the job
/// has sent it or a later one, or once a window two buckets newer has arrived (a GPU that skipped it is not waited
/// for). A GPU that lags in <see cref="StragglerOptions.LagWindows"/> judged windows in a row becomes a straggler;
/// one that keeps up in <see cref="StragglerOptions.ClearWindows"/> in a row clears. Windows that cannot be judged
/// (too few GPUs, idle peers) are no evidence either way. Time comes only from the windows' sample times.
/// </summary>
public sealed class StragglerDetector(StragglerOptions options)
{
    /// <summary>Width of a window: 10 s.</summary>
    public const long WindowMs = 10_000;

    private readonly Dictionary<string, JobMember> _members = new(StringComparer.Ordinal);
    // Few buckets wait at a time, oldest first: a sorted list reads and drops its first without allocating.
    private readonly SortedList<long, Dictionary<string, JobWindow>> _pending = [];

    // Findings of the call in progress; every GPU of a job sends a window a bucket, and most find nothing.
    private readonly List<StragglerFinding> _findings = [];

    // A judged bucket's windows and dictionary, kept for the next: a job judges a bucket every 10 s of sample time.
    private readonly List<JobWindow> _judged = [];
    private Dictionary<string, JobWindow>? _spare;
    private long _judgedThrough = long.MinValue;
    private long _newestBucket = long.MinValue;
    private long _firstBucket = long.MinValue;

    /// <summary>The job's medians in the newest window compared, by <see cref="StragglerSignals.All"/>; null before the first.</summary>
    public double[]? Medians { get; private set; }

    /// <summary>Start of the newest window compared (Unix ms); null before the first.</summary>
    public long? ComparedBucketStartMs { get; private set; }

    /// <summary>GPUs in the job.</summary>
    public int Count => _members.Count;

    /// <summary>Takes one GPU's window; returns what the windows it completed showed.</summary>
    public IReadOnlyList<StragglerFinding> Add(JobWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        var bucket = window.BucketStartMs / WindowMs;
        if (_members.TryGetValue(window.Uuid, out var member))
        {
            if (bucket < member.LastBucket)
            {
                return [];
            }

            member.Latest = window;
        }
        else
        {
            _members[window.Uuid] = new JobMember(window);
        }

        var findings = _findings;
        findings.Clear();
        if (bucket > _newestBucket)
        {
            // Departures are looked for once a bucket, not once a window: a large job sends many windows a bucket.
            if (_newestBucket == long.MinValue)
            {
                _firstBucket = bucket;
            }
            else
            {
                Expire(findings);
            }

            _newestBucket = bucket;
        }

        if (bucket > _judgedThrough)
        {
            if (!_pending.TryGetValue(bucket, out var windows))
            {
                _pending[bucket] = windows = _spare ?? new Dictionary<string, JobWindow>(StringComparer.Ordinal);
                _spare = null;
            }

            windows[window.Uuid] = window;
        }

        JudgeCompleted(findings);
        return Taken(findings);
    }

    /// <summary>The GPU left the job; returns its clear when it was a straggler (and the others' when the job became too small).</summary>
    public IReadOnlyList<StragglerFinding> Leave(string uuid)
    {
        var findings = _findings;
        findings.Clear();
        if (_members.Remove(uuid, out var member))
        {
            ClearIfStraggler(uuid, member, "left the job", findings);
            foreach (var windows in _pending.Values)
            {
                windows.Remove(uuid);
            }

            ClearAllIfTooSmall(findings);
            JudgeCompleted(findings);
        }

        return Taken(findings);
    }

    private static IReadOnlyList<StragglerFinding> Taken(List<StragglerFinding> findings) =>
        findings.Count == 0 ? [] : [.. findings];

    /// <summary>The job's GPUs, by UUID.</summary>
    public IEnumerable<JobGpu> Gpus() => _members.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => new JobGpu
    {
        Uuid = m.Key,
        Node = m.Value.Latest.Node,
        Straggler = m.Value.Found is not null,
        Reasons = m.Value.Found is null ? [] : [m.Value.Reason, .. m.Value.Lags.Where(l => l.Signal != m.Value.Found.Signal).Select(l => l.Describe(TimeSpan.Zero))],
        Signals = SignalsOf(m.Value.Latest),
    });

    /// <summary>The node of each of the job's GPUs (repeated for GPUs on one node), without building <see cref="Gpus"/>.</summary>
    public IEnumerable<string> Nodes() => _members.Values.Select(m => m.Latest.Node);

    /// <summary>The UUIDs of the job's stragglers, in order.</summary>
    public string[] Stragglers() => [.. _members.Where(m => m.Value.Found is not null).Select(m => m.Key).Order(StringComparer.Ordinal)];

    /// <summary>True when <paramref name="uuid"/> is a straggler now.</summary>
    public bool IsStraggler(string uuid) => _members.TryGetValue(uuid, out var m) && m.Found is not null;

    private static Dictionary<string, double> SignalsOf(JobWindow window)
    {
        var signals = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var signal in StragglerSignals.All)
        {
            var value = signal.Read(window);
            if (!double.IsNaN(value))
            {
                signals[signal.Name] = value;
            }
        }

        signals[StragglerSignals.ClockEventReasons] = window.ClockEventReasons;
        return signals;
    }

    private void Expire(List<StragglerFinding> findings)
    {
        List<string>? expired = null;
        foreach (var (uuid, member) in _members)
        {
            if (member.LastBucket < _newestBucket - options.ExpireWindows)
            {
                (expired ??= []).Add(uuid);
            }
        }

        foreach (var uuid in expired ?? [])
        {
            _members.Remove(uuid, out var member);
            ClearIfStraggler(uuid, member!, $"sent no window for {options.ExpireWindows * WindowMs / 1000} s", findings);
        }

        ClearAllIfTooSmall(findings);
    }

    private void JudgeCompleted(List<StragglerFinding> findings)
    {
        while (_pending.Count > 0)
        {
            var bucket = _pending.Keys[0];
            var windows = _pending.Values[0];
            // Every GPU sent this bucket, or one is two buckets ahead: those that skipped it are not waited for. The
            // job's first bucket waits for the later one: until then, the GPUs that reported first are not all of them.
            var everyoneSent = bucket > _firstBucket && windows.Count >= _members.Count;
            if (!everyoneSent && _newestBucket < bucket + 2)
            {
                return;
            }

            _pending.RemoveAt(0);
            _judgedThrough = bucket;
            _judged.Clear();
            foreach (var window in windows.Values)
            {
                if (_members.ContainsKey(window.Uuid))
                {
                    _judged.Add(window);
                }
            }

            windows.Clear();
            _spare = windows;
            Judge(bucket, _judged, findings);
        }
    }

    private void Judge(long bucket, List<JobWindow> windows, List<StragglerFinding> findings)
    {
        var endMs = (bucket + 1) * WindowMs;
        var comparison = PeerComparison.Compare(windows, options);
        Medians = comparison.Medians;
        ComparedBucketStartMs = bucket * WindowMs;
        if (!comparison.Judged)
        {
            // No evidence: stragglers stay what they are, and their health rules are kept alive.
            foreach (var (uuid, member) in _members)
            {
                if (member.Found is not null)
                {
                    findings.Add(Finding(uuid, member, FindingKind.Still, endMs));
                }
            }

            return;
        }

        foreach (var judgement in comparison.Gpus)
        {
            var member = _members[judgement.Uuid];
            member.Lags = judgement.Lags;
            Step(judgement, member, endMs, findings);
        }
    }

    private void Step(GpuJudgement judgement, JobMember member, long endMs, List<StragglerFinding> findings)
    {
        if (judgement.Worst is { } lag)
        {
            member.KeepUpStreak = 0;
            member.LagStreak++;
            if (member.Found is null && member.LagStreak >= options.LagWindows)
            {
                member.Found = lag;
                member.Reason = lag.Describe(TimeSpan.FromMilliseconds(member.LagStreak * WindowMs));
                member.Action = StragglerActions.For(lag, member.Latest.ClockEventReasons);
                findings.Add(Finding(judgement.Uuid, member, FindingKind.Became, endMs));
                return;
            }
        }
        else
        {
            member.LagStreak = 0;
            member.KeepUpStreak = judgement.KeepsUp ? member.KeepUpStreak + 1 : 0;
            if (member.Found is not null && member.KeepUpStreak >= options.ClearWindows)
            {
                ClearIfStraggler(judgement.Uuid, member, $"keeps up with the job again for {member.KeepUpStreak * WindowMs / 1000} s", findings, endMs);
                return;
            }
        }

        if (member.Found is not null)
        {
            findings.Add(Finding(judgement.Uuid, member, FindingKind.Still, endMs));
        }
    }

    private void ClearAllIfTooSmall(List<StragglerFinding> findings)
    {
        if (_members.Count >= options.MinGpus)
        {
            return;
        }

        foreach (var (uuid, member) in _members)
        {
            // Checked here so that the reason is formatted only for a straggler.
            if (member.Found is not null)
            {
                ClearIfStraggler(uuid, member, $"the job has fewer than {options.MinGpus} GPUs to compare", findings);
            }
        }
    }

    private static void ClearIfStraggler(string uuid, JobMember member, string why, List<StragglerFinding> findings, long? endMs = null)
    {
        if (member.Found is not { } found)
        {
            return;
        }

        findings.Add(new StragglerFinding(uuid, member.Latest.Node, FindingKind.Cleared, found, why, "", endMs ?? member.Latest.BucketStartMs + WindowMs));
        member.Found = null;
        member.LagStreak = 0;
        member.KeepUpStreak = 0;
    }

    private static StragglerFinding Finding(string uuid, JobMember member, FindingKind kind, long endMs) =>
        new(uuid, member.Latest.Node, kind, member.Found!, member.Reason, member.Action, endMs);
}
