using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Telemetry.State;
using Telemetry.Wire;

namespace Telemetry.Silo.Metrics;

/// <summary>The silo's ingest counters, read by <c>GET /metrics</c> through <see cref="SiloInstruments"/>.</summary>
public sealed class IngestMetrics(IMeterFactory meters)
{
    /// <summary>Upper bounds of the latency histogram's buckets, seconds.</summary>
    public static readonly double[] LatencyBounds = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Histogram<double> _latency = meters.Create(SiloInstruments.MeterName)
        .CreateHistogram<double>(SiloInstruments.IngestDuration, unit: "s", description: "Ingest request latency (both doors).");

    private readonly ConcurrentDictionary<string, long> _rejected = new(StringComparer.Ordinal);
    private long _bodies;
    private long _reports;
    private long _samples;
    private long _duplicates;
    private long _skippedFields;

    public long Bodies => Interlocked.Read(ref _bodies);
    public long Reports => Interlocked.Read(ref _reports);
    public long Samples => Interlocked.Read(ref _samples);
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Columns skipped because their field id is unknown to this server.</summary>
    public long SkippedFields => Interlocked.Read(ref _skippedFields);

    public IReadOnlyDictionary<string, long> RejectedByReason => _rejected;

    public void ObserveLatency(TimeSpan elapsed) => _latency.Record(elapsed.TotalSeconds);

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
