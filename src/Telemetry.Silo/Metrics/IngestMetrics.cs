using System.Collections.Concurrent;
using Telemetry.State;
using Telemetry.Wire;

namespace Telemetry.Silo.Metrics;

/// <summary>The silo's ingest counters, read by <c>GET /metrics</c>.</summary>
public sealed class IngestMetrics
{
    private readonly ConcurrentDictionary<string, long> _rejected = new(StringComparer.Ordinal);
    private long _bodies;
    private long _reports;
    private long _samples;
    private long _duplicates;
    private long _skippedFields;

    public LatencyHistogram Latency { get; } = new();

    public long Bodies => Interlocked.Read(ref _bodies);
    public long Reports => Interlocked.Read(ref _reports);
    public long Samples => Interlocked.Read(ref _samples);
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Columns skipped because their field id is unknown to this server.</summary>
    public long SkippedFields => Interlocked.Read(ref _skippedFields);

    public IReadOnlyDictionary<string, long> RejectedByReason => _rejected;

    public void ObserveLatency(TimeSpan elapsed) => Latency.Observe(elapsed);

    public void Applied(IngestOutcome outcome, IReadOnlyList<NodeReport> reports)
    {
        Interlocked.Increment(ref _bodies);
        Interlocked.Add(ref _reports, outcome.Reports);
        Interlocked.Add(ref _samples, outcome.Samples);
        Interlocked.Add(ref _duplicates, outcome.Duplicates);
        var skipped = 0;
        foreach (var report in reports)
        {
            skipped += report.SkippedFields;
        }

        if (skipped > 0)
        {
            Interlocked.Add(ref _skippedFields, skipped);
        }
    }

    public void Rejected(string code) => _rejected.AddOrUpdate(code, 1, static (_, n) => n + 1);
}
