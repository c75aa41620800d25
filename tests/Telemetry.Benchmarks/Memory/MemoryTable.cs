using System.Globalization;
using Telemetry.Benchmarks.Ingest;
using Telemetry.Benchmarks.Reporting;

namespace Telemetry.Benchmarks.Memory;

/// <summary>The <c>memory</c> benchmark's table: one column per silo build (and VictoriaMetrics when asked), and their ratio when there are two.</summary>
internal static class MemoryTable
{
    private const double KiB = 1024;
    private const double MiB = 1024 * 1024;

    public static ResultTable Of(MemorySettings settings, IReadOnlyList<MemoryResult> results)
    {
        var gpus = (double)settings.Nodes * FleetData.GpusPerNode;
        var columns = results.Select(r => r.Label).ToList();
        var ratio = results.Count == 2;
        if (ratio)
        {
            columns.Add($"{results[1].Label} ÷ {results[0].Label}");
        }

        var table = new ResultTable("measure", columns)
            .Row("nodes / GPUs", Same(results, _ => $"{settings.Nodes:N0} / {gpus:N0}", ratio))
            .Row("reports per node (sample time)", Same(results, _ => $"{settings.Rounds:N0} ({TimeSpan.FromMinutes(settings.Minutes) + settings.Interval:g})", ratio))
            .Row("grain activations (sampled every 30 s)", Same(results, r => double.IsNaN(r.Activations) ? "n/a" : $"{r.Activations:N0}", ratio))
            .Row("samples applied (warm-up included)", Same(results, r => $"{r.Samples:N0}", ratio))
            .Row("errors", Same(results, r => $"{r.Errors:N0}", ratio))
            .Row("first report: nodes/s", Compare(results, r => r.FirstRound.ReportsPerSecond, "N0", ratio))
            .Row("first report: server CPU-ms per node", Compare(results, r => r.FirstRound.CpuMsPerReport, "F3", ratio))
            .Row("first report: KB allocated per node", Compare(results, r => r.FirstRound.AllocatedKBPerReport, "F1", ratio))
            .Row("JIT during the first report's round: methods, compile s", Same(results, r => double.IsNaN(r.FirstRoundJit.Methods) ? "n/a" : $"{r.FirstRoundJit.Methods:N0}, {r.FirstRoundJit.JitSeconds:F2}", ratio))
            .Row("second report: nodes/s", Compare(results, r => r.SecondRound.ReportsPerSecond, "N0", ratio))
            .Row("second report: server CPU-ms per node", Compare(results, r => r.SecondRound.CpuMsPerReport, "F3", ratio))
            .Row("second report: KB allocated per node", Compare(results, r => r.SecondRound.AllocatedKBPerReport, "F1", ratio))
            .Row("later reports: nodes/s", Compare(results, r => r.LaterRounds.ReportsPerSecond, "N0", ratio))
            .Row("later reports: server CPU-ms per node", Compare(results, r => r.LaterRounds.CpuMsPerReport, "F3", ratio))
            .Row("later reports: KB allocated per node", Compare(results, r => r.LaterRounds.AllocatedKBPerReport, "F1", ratio))
            .Row("first ÷ later report, server CPU", Compare(results, r => r.FirstRound.CpuMsPerReport / r.LaterRounds.CpuMsPerReport, "F2", ratio))
            .Row("RSS idle → after, MiB", Same(results, r => $"{r.IdleRss / MiB:N0} → {r.Rss / MiB:N0} (peak {r.PeakRss / MiB:N0})", ratio))
            .Row("GC heap idle → after, MiB", Same(results, r => double.IsNaN(r.Heap) ? "n/a (not .NET)" : $"{r.IdleHeap / MiB:N0} → {r.Heap / MiB:N0}", ratio))
            .Row("**RSS above idle per GPU, KiB**", Compare(results, r => (r.Rss - r.IdleRss) / KiB / gpus, "F1", ratio))
            .Row("GC heap above idle per GPU, KiB", Compare(results, r => (r.Heap - r.IdleHeap) / KiB / gpus, "F1", ratio))
            .Row("RSS per GPU, idle process included, KiB", Compare(results, r => r.Rss / KiB / gpus, "F1", ratio))
            .Row("settled", Same(results, r => r.Settled ? "yes" : "no (last reading)", ratio));
        return table;
    }

    private static IEnumerable<string> Same(IReadOnlyList<MemoryResult> results, Func<MemoryResult, string> cell, bool ratio) =>
        results.Select(cell).Concat(ratio ? [""] : []);

    private static IEnumerable<string> Compare(IReadOnlyList<MemoryResult> results, Func<MemoryResult, double> value, string format, bool ratio) =>
        results.Select(r => value(r).ToString(format, CultureInfo.InvariantCulture))
            .Concat(ratio ? [(value(results[1]) / value(results[0])).ToString("F2", CultureInfo.InvariantCulture) + " ×"] : []);
}
