using System.Collections.Concurrent;
using Telemetry.Exporter.Sending;
using Telemetry.Exporter.Simulation;

namespace Telemetry.Benchmarks.Ingest;

/// <summary>What the load driver saw over one phase (warm-up or the measured window); safe to update from every connection.</summary>
internal sealed class LoadCounters
{
    private readonly ConcurrentDictionary<string, long> _errors = new(StringComparer.Ordinal);
    private long _accepted;
    private long _bytes;
    private string? _firstError;

    /// <summary>Latency of every answered request, accepted or not.</summary>
    public LatencyHistogram Latency { get; } = new();

    /// <summary>Bodies answered 2xx.</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Bytes of the accepted bodies.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Failed requests by HTTP status or transport error.</summary>
    public IReadOnlyDictionary<string, long> Errors => _errors;

    public long ErrorCount => _errors.Values.Sum();

    /// <summary>The first failure's status and answer, to tell a broken setup from an overloaded server.</summary>
    public string? FirstError => Volatile.Read(ref _firstError);

    public void Accept(int bytes, TimeSpan latency)
    {
        Interlocked.Increment(ref _accepted);
        Interlocked.Add(ref _bytes, bytes);
        Latency.Record(latency);
    }

    public void Fail(string kind, string detail, TimeSpan? latency = null)
    {
        _errors.AddOrUpdate(kind, 1, (_, n) => n + 1);
        Interlocked.CompareExchange(ref _firstError, $"{kind}: {detail}", null);
        if (latency is { } answered)
        {
            Latency.Record(answered);
        }
    }
}
