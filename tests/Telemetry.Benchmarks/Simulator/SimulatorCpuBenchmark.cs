using System.Globalization;
using Telemetry.Benchmarks.Hosting;
using Telemetry.Benchmarks.Reporting;
using Telemetry.Testing;

namespace Telemetry.Benchmarks.Simulator;

/// <summary>
/// CPU per report of <c>telemetry-exporter simulate</c> with the national soak's shape, without a silo: each build
/// runs as its own process against a bare 202 endpoint (or its dry-run handler), and its own CPU time over the
/// window, from <c>/proc</c>, is divided by the reports it delivered in that window.
/// </summary>
internal static class SimulatorCpuBenchmark
{
    private const double IntervalSeconds = 10;

    public static async Task<int> RunAsync(SimulatorCpuSettings settings, CancellationToken ct)
    {
        Console.WriteLine($"Machine: {MachineInfo.Describe()}; load average {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine($"Fleet: {settings.DataCenters * settings.NodesPerDataCenter} nodes × 8 GPUs, a report each every {IntervalSeconds} s, 4 samples per GPU; {(settings.DryRun ? "dry run (no socket)" : "over 127.0.0.1 to a bare 202 endpoint")}");
        await using var sink = settings.DryRun ? null : await AcceptingSink.StartAsync(ct);
        var runs = settings.Builds.Select(_ => new List<(double CpuMsPerReport, double ReportsPerSecond, double Cores)>()).ToArray();
        for (var round = 1; round <= settings.Rounds; round++)
        {
            // Builds take turns, so a change in the machine's other load falls on all of them alike.
            for (var b = 0; b < settings.Builds.Count; b++)
            {
                var run = await MeasureAsync(settings, settings.Builds[b], sink, ct);
                Console.WriteLine($"round {round}, {settings.Builds[b]}: {run.CpuMsPerReport:F3} CPU-ms a report, {run.ReportsPerSecond:F0} reports/s, {run.Cores:F2} cores; load average {File.ReadAllText("/proc/loadavg").Trim()}");
                runs[b].Add(run);
            }
        }

        // The median round of each build: one round disturbed by other work on the machine moves it least.
        var results = runs.Select(r => r.OrderBy(x => x.CpuMsPerReport).ElementAt(r.Count / 2)).ToList();

        var table = new ResultTable("measure", settings.Builds.Select((_, i) => i == 0 ? "baseline" : $"build {i + 1}").ToList())
            .Row("CPU-ms a report", results.Select(r => Format(r.CpuMsPerReport, "F3")))
            .Row("reports/s", results.Select(r => Format(r.ReportsPerSecond, "F0")))
            .Row("cores", results.Select(r => Format(r.Cores, "F2")))
            .Row("CPU vs baseline", results.Select(r => Format(r.CpuMsPerReport / results[0].CpuMsPerReport, "F2") + "×"));
        Console.WriteLine();
        Console.Write(table.ToText());
        Console.WriteLine();
        table.WriteMarkdown(settings.CommandLine);
        return 0;
    }

    private static async Task<(double CpuMsPerReport, double ReportsPerSecond, double Cores)> MeasureAsync(
        SimulatorCpuSettings settings, string build, AcceptingSink? sink, CancellationToken ct)
    {
        if (!File.Exists(build))
        {
            throw new BenchmarkSetupException($"{build} not found: build it with 'dotnet build src/Telemetry.Exporter -c Release', or pass --exporter <telemetry-exporter.dll>.");
        }

        var address = sink?.BaseAddress ?? new Uri("http://127.0.0.1:9/");
        using var simulator = ServerProcess.Start("simulator", "dotnet", [build, .. settings.SimulateArguments(address)], Path.GetDirectoryName(build)!, address);
        await Task.Delay(settings.Warmup, ct);
        var (cpu0, bodies0) = (CpuSeconds(simulator), sink?.Bodies ?? 0);
        await Task.Delay(settings.Window, ct);
        var (cpu1, bodies1) = (CpuSeconds(simulator), sink?.Bodies ?? 0);

        // The dry run has no socket to count at: its scheduler fires every node once an interval, skipping none.
        var seconds = settings.Window.TotalSeconds;
        var reports = sink is null ? settings.DataCenters * settings.NodesPerDataCenter * seconds / IntervalSeconds : bodies1 - bodies0;
        var cpu = cpu1 - cpu0;
        return (cpu * 1000 / reports, reports / seconds, cpu / seconds);
    }

    private static double CpuSeconds(ServerProcess simulator)
    {
        try
        {
            return ProcStat.CpuSeconds(simulator.Pid);
        }
        catch (IOException)
        {
            throw new BenchmarkSetupException($"the simulator exited before the window ended:{Environment.NewLine}{simulator.Tail}");
        }
    }

    private static string Format(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
