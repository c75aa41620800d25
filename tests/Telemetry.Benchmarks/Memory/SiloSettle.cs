using Telemetry.Benchmarks.Hosting;
using Telemetry.Benchmarks.Ingest;

namespace Telemetry.Benchmarks.Memory;

/// <summary>Waits for a silo's RSS and GC heap, read from its metrics, to stop moving (<see cref="Steady"/>).</summary>
internal static class SiloSettle
{
    private const double MiB = 1024 * 1024;

    /// <summary>The silo's metrics at the last reading, and whether they settled before <paramref name="timeout"/>.</summary>
    public static Task<(IReadOnlyDictionary<string, double> Reading, bool Settled)> WaitAsync(HttpClient client, IngestTarget target, TimeSpan timeout, CancellationToken cancellationToken) =>
        Steady.WaitAsync(
            ct => SiloMetrics.ReadAsync(client, target.Server.BaseAddress, ct),
            metrics => [Rss(metrics), Heap(metrics)],
            metrics => $"RSS {Rss(metrics) / MiB:N0} MiB  GC heap {Heap(metrics) / MiB:N0} MiB",
            timeout,
            cancellationToken);

    private static double Rss(IReadOnlyDictionary<string, double> metrics) => metrics.GetValueOrDefault("process_resident_memory_bytes");

    private static double Heap(IReadOnlyDictionary<string, double> metrics) => metrics.GetValueOrDefault("dotnet_gc_heap_bytes");
}
