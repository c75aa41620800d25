using System.Diagnostics;
using Telemetry.Benchmarks.Hosting;
using Telemetry.Benchmarks.Ingest;
using Telemetry.Benchmarks.Reporting;

namespace Telemetry.Benchmarks.Memory;

/// <summary>
/// Memory per GPU on one silo: activates every node and GPU grain with a first report, sends a second
/// report an interval later (so windows hold two reports, as in steady state), waits for the GC to settle,
/// and divides the silo's RSS and GC heap by the GPU count.
/// </summary>
internal static class MemoryBenchmark
{
    private const double MiB = 1024 * 1024;
    private static readonly TimeSpan SettlePoll = TimeSpan.FromSeconds(2);

    public static async Task<int> RunAsync(MemorySettings settings, CancellationToken cancellationToken)
    {
        Console.WriteLine($"machine: {MachineInfo.Describe()}");
        Console.WriteLine($"command: {settings.CommandLine}");
        var gpus = (long)settings.Nodes * FleetData.GpusPerNode;
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = settings.Concurrency, UseProxy = false }) { Timeout = TimeSpan.FromSeconds(60) };
        var target = await SiloLauncher.StartAsync(settings.SiloBin, client, cancellationToken);
        using (target.Server)
        {
            var idle = ProcStat.Memory(target.Server.Pid).Rss;
            var bootIds = Enumerable.Range(0, settings.Nodes).Select(_ => Guid.NewGuid()).ToArray();
            var errors = 0L;
            var clock = Stopwatch.StartNew();
            for (uint seq = 1; seq <= 2; seq++)
            {
                var wait = (settings.Interval * (seq - 1)) - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Console.Error.WriteLineAsync($"[memory] waiting {wait.TotalSeconds:F0} s for the second report's time");
                    await Task.Delay(wait, cancellationToken);
                }

                var round = new ActivationRound(settings, target, client, bootIds);
                var took = await round.RunAsync(seq, cancellationToken);
                Console.WriteLine($"round {seq}: {settings.Nodes:N0} reports in {took.TotalSeconds:F1} s ({settings.Nodes / took.TotalSeconds:N0}/s), {round.Errors:N0} errors{(round.FirstError is { } e ? $"; first: {e}" : "")}");
                errors += round.Errors;
            }

            var (metrics, settled) = await SettleAsync(client, target, settings.SettleTimeout, cancellationToken);
            var (rss, peak) = ProcStat.Memory(target.Server.Pid);
            var heap = metrics.GetValueOrDefault("dotnet_gc_heap_bytes");
            var table = new ResultTable("measure", ["value"])
                .Row("nodes / GPUs", [$"{settings.Nodes:N0} / {gpus:N0}"])
                .Row("grain activations", [$"{metrics.GetValueOrDefault("telemetry_grain_activations"):N0}"])
                .Row("samples applied", [$"{metrics.GetValueOrDefault("telemetry_ingest_samples_total"):N0}"])
                .Row("errors", [$"{errors:N0}"])
                .Row("silo RSS idle, before any report, MiB", [$"{idle / MiB:N0}"])
                .Row("silo RSS / peak, MiB", [$"{rss / MiB:N0} / {peak / MiB:N0}"])
                .Row("RSS per GPU, KiB", [$"{rss / 1024.0 / gpus:N1}"])
                .Row("RSS above idle per GPU, KiB", [$"{(rss - idle) / 1024.0 / gpus:N1}"])
                .Row("GC heap, MiB", [$"{heap / MiB:N0}"])
                .Row("GC heap per GPU, KiB", [$"{heap / 1024.0 / gpus:N1}"]);
            Console.WriteLine(settled ? "RSS and GC heap settled." : $"RSS and GC heap still moving after {settings.SettleTimeout.TotalSeconds:F0} s; figures are the last reading.");
            Console.WriteLine();
            Console.WriteLine(table.ToText());
            table.WriteMarkdown(settings.CommandLine);
            return errors == 0 ? 0 : 1;
        }
    }

    // Settled: three readings in a row within 1 % of each other, for both RSS and heap.
    private static async Task<(IReadOnlyDictionary<string, double> Metrics, bool Settled)> SettleAsync(HttpClient client, IngestTarget target, TimeSpan timeout, CancellationToken cancellationToken)
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

            await Task.Delay(SettlePoll, cancellationToken);
        }
    }

    private static bool Within(IEnumerable<double> values)
    {
        var list = values.ToList();
        return list.Max() <= list.Min() * 1.01;
    }
}
