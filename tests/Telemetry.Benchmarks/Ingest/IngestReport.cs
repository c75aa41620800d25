using Telemetry.Benchmarks.Reporting;

namespace Telemetry.Benchmarks.Ingest;

/// <summary>Prints the comparison: an aligned table, the silo-to-peer ratios, and the same as Markdown for docs/performance.md.</summary>
internal static class IngestReport
{
    private const double MiB = 1024 * 1024;

    public static void Print(IReadOnlyList<ServerResult> results, IngestSettings settings)
    {
        var gpus = settings.Nodes * Ingest.FleetData.GpusPerNode;
        var table = new ResultTable("measure", results.Select(r => r.Name).ToList())
            .Row("accepted GPU samples/s", results.Select(r => $"{r.Load.SamplesPerSecond:N0}"))
            .Row("accepted requests/s", results.Select(r => $"{r.Load.AcceptedBodies / r.Load.Seconds:N0}"))
            .Row("errors", results.Select(r => Errors(r.Load)))
            .Row("server CPU, cores", results.Select(r => $"{r.Load.ServerCpuSeconds / r.Load.Seconds:F2}"))
            .Row("samples per server CPU-second", results.Select(r => $"{r.Load.SamplesPerCpuSecond:N0}"))
            .Row("server CPU-s per million samples", results.Select(r => $"{r.Load.CpuSecondsPerMillion:F2}"))
            .Row("latency p50 / p99 / max, ms", results.Select(r => $"{r.Load.P50Ms:F1} / {r.Load.P99Ms:F1} / {r.Load.MaxMs:F0}"))
            .Row("server RSS / peak, MiB", results.Select(r => $"{r.RssBytes / MiB:N0} / {r.PeakRssBytes / MiB:N0}"))
            .Row("memory per GPU (RSS), KiB", results.Select(r => r.Name == "silo" ? $"{r.RssBytes / 1024.0 / gpus:N1}" : "-"))
            .Row("body size, KiB", results.Select(r => $"{r.BodyBytes / 1024:F1}"))
            .Row("load driver CPU, cores", results.Select(r => $"{r.Load.DriverCpuSeconds / r.Load.Seconds:F2}"));

        Console.WriteLine();
        Console.WriteLine(table.ToText());
        var silo = results[0];
        var ratios = results.Skip(1).Select(peer =>
            $"silo vs {peer.Name}: {Ratio(silo.Load.SamplesPerCpuSecond, peer.Load.SamplesPerCpuSecond)} samples per server CPU-second, " +
            $"{Ratio(silo.Load.SamplesPerSecond, peer.Load.SamplesPerSecond)} samples/s").ToList();
        ratios.ForEach(Console.WriteLine);
        foreach (var note in results.Select(r => r.Note).OfType<string>())
        {
            Console.WriteLine(note);
        }

        foreach (var failed in results.Where(r => r.Load.FirstError is not null))
        {
            Console.WriteLine($"{failed.Name} first error: {Shorten(failed.Load.FirstError!)}");
        }

        Console.WriteLine();
        table.WriteMarkdown(settings.CommandLine);
        foreach (var peer in results.Skip(1))
        {
            Console.WriteLine($"| silo ÷ {peer.Name}: samples per CPU-second, samples/s | {Ratio(silo.Load.SamplesPerCpuSecond, peer.Load.SamplesPerCpuSecond)}, {Ratio(silo.Load.SamplesPerSecond, peer.Load.SamplesPerSecond)} |{string.Concat(Enumerable.Repeat(" |", results.Count - 1))}");
        }
    }

    private static string Errors(LoadResult load) =>
        load.ErrorCount == 0 ? "0" : $"{load.ErrorCount:N0} ({string.Join(", ", load.Errors.Select(e => $"{e.Key}: {e.Value:N0}"))})";

    private static string Ratio(double silo, double peer) => peer > 0 ? $"{silo / peer:F2}×" : "n/a";

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
