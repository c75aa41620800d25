using System.Net.Http.Json;
using System.Text.Json;
using Telemetry.Benchmarks.Hosting;
using Telemetry.Benchmarks.Reporting;

namespace Telemetry.Benchmarks.Ingest;

/// <summary>
/// What jobs cost the silo (<c>ingest --jobs compare</c>): the same samples with and without job ids, each run on a
/// fresh silo, alternating and swapping the order every round, so a load that other processes put on the machine
/// falls on both sides alike. The figure is the ratio of samples per server CPU-second over all rounds.
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
            FleetData.Generate(settings.Nodes, settings.SamplesPerReport, budget, BenchmarkJobs.None),
            FleetData.Generate(settings.Nodes, settings.SamplesPerReport, budget, settings.Jobs),
        };
        Console.WriteLine(
            $"fleet: {settings.Nodes:N0} nodes × {FleetData.GpusPerNode} GPUs × {settings.SamplesPerReport} samples per body, without job ids and with jobs of " +
            $"{settings.Jobs.GpusPerJob} GPUs; {(settings.Rate > 0 ? $"{settings.Rate:N0} samples/s offered" : "closed loop")}; {settings.Rounds} rounds of both, {settings.Warmup.TotalSeconds:F0} s warm-up and {settings.Duration.TotalSeconds:F0} s measured each");

        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var runs = new List<(int Round, bool Jobs, LoadResult Load, string Load1, int? JobsListed)>();
        for (var round = 1; round <= settings.Rounds; round++)
        {
            foreach (var withJobs in round % 2 == 1 ? new[] { false, true } : [true, false])
            {
                var target = await SiloLauncher.StartAsync(settings.SiloBin, probe, cancellationToken);
                using (target.Server)
                {
                    var loadBefore = LoadAverage();
                    var load = await new LoadDriver(fleets[withJobs ? 1 : 0], target, settings.Concurrency, settings.Rate).RunAsync(settings.Warmup, settings.Duration, cancellationToken);
                    var listed = withJobs ? await JobsListedAsync(probe, target, cancellationToken) : null;
                    runs.Add((round, withJobs, load, $"{loadBefore} → {LoadAverage()}", listed));
                    await Console.Error.WriteLineAsync($"round {round} {(withJobs ? "with jobs" : "no jobs")}: {load.SamplesPerCpuSecond:N0} samples per CPU-s");
                }
            }
        }

        var table = new ResultTable("run", [.. runs.Select(r => $"{r.Round} {(r.Jobs ? "jobs" : "none")}")])
            .Row("accepted GPU samples/s", runs.Select(r => $"{r.Load.SamplesPerSecond:N0}"))
            .Row("errors", runs.Select(r => $"{r.Load.ErrorCount:N0}"))
            .Row("server CPU, cores", runs.Select(r => $"{r.Load.ServerCpuSeconds / r.Load.Seconds:F2}"))
            .Row("samples per server CPU-second", runs.Select(r => $"{r.Load.SamplesPerCpuSecond:N0}"))
            .Row("latency p50 / p99, ms", runs.Select(r => $"{r.Load.P50Ms:F1} / {r.Load.P99Ms:F1}"))
            .Row("jobs listed in dc1 after the run", runs.Select(r => r.JobsListed?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"))
            .Row("load average (1 min) before → after", runs.Select(r => r.Load1));
        Console.WriteLine();
        Console.WriteLine(table.ToText());

        var without = PerCpuSecond(runs.Where(r => !r.Jobs).Select(r => r.Load));
        var with = PerCpuSecond(runs.Where(r => r.Jobs).Select(r => r.Load));
        var perRound = runs.GroupBy(r => r.Round).Select(g => g.Single(r => r.Jobs).Load.SamplesPerCpuSecond / g.Single(r => !r.Jobs).Load.SamplesPerCpuSecond).Order().ToArray();
        var summary = $"samples per server CPU-second: {without:N0} without jobs, {with:N0} with jobs of {settings.Jobs.GpusPerJob} GPUs: " +
            $"with ÷ without = {with / without:F3} ({(with / without - 1) * 100:+0.0;-0.0} %); per round {string.Join(", ", perRound.Select(p => p.ToString("F3", System.Globalization.CultureInfo.InvariantCulture)))}";
        Console.WriteLine(summary);
        Console.WriteLine();
        table.WriteMarkdown(settings.CommandLine);
        Console.WriteLine();
        Console.WriteLine(summary);
        return runs.All(r => r.Load.AcceptedSamples > 0 && r.Load.ErrorCount == 0) && runs.Where(r => r.Jobs).All(r => r.JobsListed > 0) ? 0 : 1;
    }

    // Totals over the runs, not a mean of ratios: a run with more samples weighs more.
    private static double PerCpuSecond(IEnumerable<LoadResult> loads)
    {
        var all = loads.ToArray();
        return all.Sum(l => (double)l.AcceptedSamples) / all.Sum(l => l.ServerCpuSeconds);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    // Evidence that the jobs reached their grains: the data center's job index lists them.
    private static async Task<int?> JobsListedAsync(HttpClient probe, IngestTarget target, CancellationToken cancellationToken)
    {
        using var answer = await probe.GetAsync(new Uri(target.Server.BaseAddress, "/api/v1/jobs?dataCenter=dc1&pageSize=1"), cancellationToken);
        return answer.IsSuccessStatusCode
            ? (await answer.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("total").GetInt32()
            : null;
    }
}
