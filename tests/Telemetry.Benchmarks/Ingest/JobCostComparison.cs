using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Telemetry.Benchmarks.Hosting;
using Telemetry.Benchmarks.Reporting;

namespace Telemetry.Benchmarks.Ingest;

/// <summary>
/// What jobs cost the silo (<c>ingest --jobs compare</c>): the same samples with and without job ids, sent to two fresh
/// silos side by side over the same window, a pair per round. On a machine that others load, the two then share
/// whatever the others do at each moment, where back-to-back runs would not. The figure is the ratio of samples per
/// server CPU-second; with <c>--rate</c> both do the same work, so it is the ratio of their CPU.
/// </summary>
internal static class JobCostComparison
{
    public static async Task<int> RunAsync(IngestSettings settings, CancellationToken cancellationToken)
    {
        Console.WriteLine($"machine: {MachineInfo.Describe()}");
        Console.WriteLine($"command: {settings.CommandLine}");
        var budget = settings.PoolMiB * 1024L * 1024 / 2;
        var fleets = new[]
        {
            FleetData.Generate(settings.Nodes, settings.SamplesPerReport, budget, settings.Jobs with { SendIds = false }),
            FleetData.Generate(settings.Nodes, settings.SamplesPerReport, budget, settings.Jobs with { SendIds = !settings.Control }),
        };
        if (settings.Control)
        {
            Console.WriteLine("control run: neither silo is sent job ids, so the ratio shows what the side-by-side set-up itself tells apart");
        }

        Console.WriteLine(
            $"fleet: {settings.Nodes:N0} nodes × {FleetData.GpusPerNode} GPUs × {settings.SamplesPerReport} samples per body, to one silo without job ids and to " +
            $"another with jobs of {settings.Jobs.GpusPerJob} GPUs at the same time; {(settings.Rate > 0 ? $"{settings.Rate:N0} samples/s offered to each" : "closed loop")}; " +
            $"{settings.Rounds} rounds, {settings.Warmup.TotalSeconds:F0} s warm-up and {settings.Duration.TotalSeconds:F0} s measured each");

        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var rounds = new List<Round>();
        for (var round = 1; round <= settings.Rounds; round++)
        {
            // The silo started first swaps every round, in case starting first or second makes a difference.
            var first = await SiloLauncher.StartAsync(settings.SiloBin, probe, cancellationToken);
            using (first.Server)
            {
                var second = await SiloLauncher.StartAsync(settings.SiloBin, probe, cancellationToken);
                using (second.Server)
                {
                    var (without, with) = round % 2 == 1 ? (first, second) : (second, first);
                    var loadBefore = LoadAverage();
                    var loads = await Task.WhenAll(
                        new LoadDriver(fleets[0], without, settings.Concurrency, settings.Rate).RunAsync(settings.Warmup, settings.Duration, cancellationToken),
                        new LoadDriver(fleets[1], with, settings.Concurrency, settings.Rate).RunAsync(settings.Warmup, settings.Duration, cancellationToken));
                    var listed = await JobsListedAsync(probe, with, "", cancellationToken);
                    var straggling = await JobsListedAsync(probe, with, "&straggling=true", cancellationToken);
                    rounds.Add(new Round(loads[0], loads[1], $"{loadBefore} → {LoadAverage()}", listed, straggling));
                    await Console.Error.WriteLineAsync(
                        $"round {round}: {loads[0].SamplesPerCpuSecond:N0} samples per CPU-s without jobs, {loads[1].SamplesPerCpuSecond:N0} with: {rounds[^1].Ratio:F3}");
                }
            }
        }

        var table = new ResultTable("round", [.. rounds.Select((_, i) => (i + 1).ToString(CultureInfo.InvariantCulture))])
            .Row("samples/s without / with jobs", rounds.Select(r => $"{r.Without.SamplesPerSecond:N0} / {r.With.SamplesPerSecond:N0}"))
            .Row("errors", rounds.Select(r => $"{r.Without.ErrorCount + r.With.ErrorCount:N0}"))
            .Row("server CPU, cores, without / with", rounds.Select(r => $"{r.Without.ServerCpuSeconds / r.Without.Seconds:F2} / {r.With.ServerCpuSeconds / r.With.Seconds:F2}"))
            .Row("samples per CPU-s without / with", rounds.Select(r => $"{r.Without.SamplesPerCpuSecond:N0} / {r.With.SamplesPerCpuSecond:N0}"))
            .Row("with ÷ without", rounds.Select(r => $"{r.Ratio:F3}"))
            .Row("jobs in dc1, of them straggling", rounds.Select(r => $"{r.JobsListed?.ToString(CultureInfo.InvariantCulture) ?? "none"}, {r.Straggling?.ToString(CultureInfo.InvariantCulture) ?? "?"}"))
            .Row("load average (1 min)", rounds.Select(r => r.LoadAverage));
        Console.WriteLine();
        Console.WriteLine(table.ToText());

        var total = PerCpuSecond(rounds.Select(r => r.With)) / PerCpuSecond(rounds.Select(r => r.Without));
        var ratios = rounds.Select(r => r.Ratio).Order().ToArray();
        var summary = $"samples per server CPU-second with jobs of {settings.Jobs.GpusPerJob} GPUs ÷ without, over all rounds: {total:F3} ({(total - 1) * 100:+0.0;-0.0} %); " +
            $"median round {ratios[ratios.Length / 2]:F3}, rounds from {ratios[0]:F3} to {ratios[^1]:F3}";
        Console.WriteLine(summary);
        Console.WriteLine();
        table.WriteMarkdown(settings.CommandLine);
        Console.WriteLine();
        Console.WriteLine(summary);
        return rounds.All(r => r.Without.AcceptedSamples > 0 && r.With.AcceptedSamples > 0 && (settings.Control || r.JobsListed > 0)) ? 0 : 1;
    }

    // Totals over the rounds, not a mean of ratios: a round with more samples weighs more.
    private static double PerCpuSecond(IEnumerable<LoadResult> loads)
    {
        var all = loads.ToArray();
        return all.Sum(l => (double)l.AcceptedSamples) / all.Sum(l => l.ServerCpuSeconds);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    // Evidence that the jobs reached their grains (the data center's job index lists them), and that alike GPUs raise no stragglers.
    private static async Task<int?> JobsListedAsync(HttpClient probe, IngestTarget target, string filter, CancellationToken cancellationToken)
    {
        using var answer = await probe.GetAsync(new Uri(target.Server.BaseAddress, $"/api/v1/jobs?dataCenter=dc1&pageSize=1{filter}"), cancellationToken);
        return answer.IsSuccessStatusCode
            ? (await answer.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("total").GetInt32()
            : null;
    }

    /// <summary>One round: the two silos' measured windows, side by side.</summary>
    private sealed record Round(LoadResult Without, LoadResult With, string LoadAverage, int? JobsListed, int? Straggling)
    {
        public double Ratio => With.SamplesPerCpuSecond / Without.SamplesPerCpuSecond;
    }
}
