using System.CommandLine;
using Telemetry.Benchmarks.Simulator;

namespace Telemetry.Benchmarks.Cli;

/// <summary><c>simulator</c>: the load generator's own CPU per report, for one or more builds of the exporter.</summary>
internal static class SimulatorCommand
{
    private static readonly Option<string[]> Exporters = new("--exporter") { Description = "A telemetry-exporter.dll to measure; repeat to compare builds (the first is the baseline). Default: this repository's Release build.", HelpName = "dll", AllowMultipleArgumentsPerToken = false };
    private static readonly Option<int> DataCenters = new("--datacenters") { Description = "Data centers of the fleet.", DefaultValueFactory = _ => 5 };
    private static readonly Option<int> NodesPerDataCenter = new("--nodes-per-datacenter") { Description = "Nodes in each (the national soak's 6,500 give 3,250 reports/s).", DefaultValueFactory = _ => 6500 };
    private static readonly Option<TimeSpan> Warmup = DurationOption.Create("--warmup", "Running before each window (start-up, JIT); not counted.", TimeSpan.FromSeconds(15));
    private static readonly Option<TimeSpan> Window = DurationOption.Create("--window", "Measured time per build.", TimeSpan.FromSeconds(30));
    private static readonly Option<int> Rounds = new("--rounds") { Description = "Times each build is measured, the builds taking turns; the median round is reported.", DefaultValueFactory = _ => 3 };
    private static readonly Option<bool> DryRun = new("--dry-run") { Description = "Measure generation, encoding and the HttpClient pipeline without a socket (simulate --dry-run)." };

    public static Command Create(IReadOnlyList<string> args)
    {
        var command = new Command("simulator", "Run telemetry-exporter simulate with the national soak's shape against a bare 202 endpoint and print its CPU-ms per report, for each build given.")
        {
            Exporters, DataCenters, NodesPerDataCenter, Warmup, Window, Rounds, DryRun,
        };
        command.SetAction((result, ct) => result.GetValue(DataCenters) < 1 || result.GetValue(NodesPerDataCenter) < 1 || result.GetValue(Rounds) < 1
            ? CommandRunner.InvalidAsync("simulator", "--datacenters, --nodes-per-datacenter and --rounds must be at least 1.")
            : CommandRunner.RunAsync("simulator", () => SimulatorCpuBenchmark.RunAsync(
                new SimulatorCpuSettings(
                    result.GetValue(Exporters) is { Length: > 0 } builds ? builds.Select(Path.GetFullPath).ToList() : [DefaultBuild()],
                    result.GetValue(DataCenters),
                    result.GetValue(NodesPerDataCenter),
                    result.GetValue(Warmup),
                    result.GetValue(Window),
                    result.GetValue(Rounds),
                    result.GetValue(DryRun),
                    $"{CommandRunner.Invocation} {string.Join(' ', args)}"),
                ct)));
        return command;
    }

    private static string DefaultBuild() => Path.Combine(Hosting.RepositoryPaths.ExporterBinFolder(), "telemetry-exporter.dll");
}
