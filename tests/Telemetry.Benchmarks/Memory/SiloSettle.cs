using System.Diagnostics;
using Telemetry.Benchmarks.Hosting;
using Telemetry.Benchmarks.Ingest;

namespace Telemetry.Benchmarks.Memory;

/// <summary>Waits for a silo's RSS and GC heap to stop moving: three readings in a row within 1 % of each other.</summary>
internal static class SiloSettle
{
    private const double MiB = 1024 * 1024;
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);

    /// <summary>The silo's metrics at the last reading, and whether they settled before <paramref name="timeout"/>.</summary>
    public static async Task<(IReadOnlyDictionary<string, double> Metrics, bool Settled)> WaitAsync(HttpClient client, IngestTarget target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var readings = new List<(double Rss, double Heap)>();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var metrics = await SiloMetrics.ReadAsync(client, target.Server.BaseAddress, cancellationToken);
            var reading = (metrics.GetValueOrDefault("process_resident_memory_bytes"), metrics.GetValueOrDefault("dotnet_gc_heap_bytes"));
            readings.Add(reading);
            await Console.Error.WriteLineAsync($"[memory] settling {deadline.Elapsed.TotalSeconds,4:F0} s  RSS {reading.Item1 / MiB:N0} MiB  GC heap {reading.Item2 / MiB:N0} MiB");
            var last = readings.TakeLast(3).ToList();
            if (last.Count == 3 && Within(last.Select(r => r.Rss)) && Within(last.Select(r => r.Heap)))
            {
                return (metrics, true);
            }

            if (deadline.Elapsed > timeout)
            {
                return (metrics, false);
            }

            await Task.Delay(Poll, cancellationToken);
        }
    }

    private static bool Within(IEnumerable<double> values)
    {
        var list = values.ToList();
        return list.Max() <= list.Min() * 1.01;
    }
}
