using System.Collections.Concurrent;

namespace Telemetry.Exporter.Sending;

/// <summary>Thread-safe counters behind <see cref="SendStats"/>; updated by the scheduler and every send.</summary>
public sealed class SendCounters
{
    private readonly ConcurrentDictionary<string, long> _errors = new(StringComparer.Ordinal);
    private readonly LatencyHistogram _total = new();
    private LatencyHistogram _current = new();
    private LatencyHistogram _recent = new();
    private long _reportsAccepted;
    private long _samplesAccepted;
    private long _bytesAccepted;
    private long _reportsRejected;
    private long _retries;
    private long _reportsSkipped;
    private long _reportsSpooled;
    private long _xids;
    private int _inFlight;
    private string? _firstRejection;

    public void RecordAccepted(int samples, int bytes)
    {
        Interlocked.Increment(ref _reportsAccepted);
        Interlocked.Add(ref _samplesAccepted, samples);
        Interlocked.Add(ref _bytesAccepted, bytes);
    }

    public void RecordRejection(int status, string problem)
    {
        Interlocked.Increment(ref _reportsRejected);
        Interlocked.CompareExchange(ref _firstRejection, $"HTTP {status}: {problem}", null);
    }

    public void RecordRetry() => Interlocked.Increment(ref _retries);

    public void RecordSkipped() => Interlocked.Increment(ref _reportsSkipped);

    public void RecordSpooled() => Interlocked.Increment(ref _reportsSpooled);

    public void RecordXids(long count) => Interlocked.Add(ref _xids, count);

    public void RecordError(string kind) => _errors.AddOrUpdate(kind, 1, static (_, n) => n + 1);

    public void RequestStarted() => Interlocked.Increment(ref _inFlight);

    public void RequestEnded() => Interlocked.Decrement(ref _inFlight);

    public void RecordLatency(TimeSpan latency)
    {
        _total.Record(latency);
        Volatile.Read(ref _current).Record(latency);
    }

    /// <summary>Closes the current one-second latency window; called once a second by the scheduler.</summary>
    public void RotateRecent() => Volatile.Write(ref _recent, Interlocked.Exchange(ref _current, new LatencyHistogram()));

    public SendStats Snapshot(TimeSpan elapsed, int nodes, SpoolBacklog? spool = null, DateTimeOffset now = default)
    {
        var recent = Volatile.Read(ref _recent);
        return new SendStats
        {
            Elapsed = elapsed,
            Nodes = nodes,
            ReportsAccepted = Interlocked.Read(ref _reportsAccepted),
            SamplesAccepted = Interlocked.Read(ref _samplesAccepted),
            BytesAccepted = Interlocked.Read(ref _bytesAccepted),
            ReportsRejected = Interlocked.Read(ref _reportsRejected),
            Retries = Interlocked.Read(ref _retries),
            ReportsSkipped = Interlocked.Read(ref _reportsSkipped),
            Xids = Interlocked.Read(ref _xids),
            InFlight = Volatile.Read(ref _inFlight),
            Errors = new SortedDictionary<string, long>(_errors, StringComparer.Ordinal),
            LatencyP50Ms = _total.PercentileMs(0.50),
            LatencyP99Ms = _total.PercentileMs(0.99),
            LatencyMaxMs = _total.MaxMs,
            RecentLatencyP50Ms = recent.PercentileMs(0.50),
            RecentLatencyP99Ms = recent.PercentileMs(0.99),
            FirstRejection = Volatile.Read(ref _firstRejection),
            ReportsSpooled = Interlocked.Read(ref _reportsSpooled),
            SpoolEnabled = spool is not null,
            SpoolBodies = spool?.Bodies ?? 0,
            SpoolBytes = spool?.Bytes ?? 0,
            SpoolOldestAge = spool?.OldestSpooledAtMs is { } oldest
                ? TimeSpan.FromMilliseconds(Math.Max(0, now.ToUnixTimeMilliseconds() - oldest))
                : TimeSpan.Zero,
            SpoolDropped = spool?.Dropped ?? 0,
        };
    }
}
