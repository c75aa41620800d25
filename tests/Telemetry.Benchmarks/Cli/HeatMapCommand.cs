using System.CommandLine;
using Telemetry.Benchmarks.HeatMap;
using Telemetry.Benchmarks.Hosting;

namespace Telemetry.Benchmarks.Cli;

/// <summary><c>heatmap</c>: times the fleet page drawing one 52,000-GPU heat map per data center in headless Chromium (no silo).</summary>
internal static class HeatMapCommand
{
    private static readonly Option<int> DataCenters = new("--data-centers") { Description = "Data centers on the fleet page, one heat map each.", DefaultValueFactory = _ => 5 };
    private static readonly Option<int> Nodes = new("--nodes") { Description = "Nodes per data center, 8 GPUs each (6,500: 52,000 GPUs).", DefaultValueFactory = _ => 6_500 };
    private static readonly Option<int> Runs = new("--runs") { Description = "Page loads per build.", DefaultValueFactory = _ => 5 };
    private static readonly Option<string?> Wwwroot = new("--wwwroot") { Description = "The dashboard's static files (default: src/Telemetry.Silo/wwwroot of this checkout)." };
    private static readonly Option<string?> Baseline = new("--baseline-wwwroot") { Description = "Another build's dashboard files, loaded in turn with the same answers; prints both and their ratio." };
    private static readonly Option<double> DeviceScale = new("--device-scale") { Description = "Device pixels per CSS pixel; 2 is a high-density laptop screen (four times the pixels to fill).", DefaultValueFactory = _ => 1 };
    private static readonly Option<double> CpuSlowdown = new("--cpu-slowdown") { Description = "Chromium's CPU throttling factor, to stand for a slower machine than this one (1: none).", DefaultValueFactory = _ => 1 };
    private static readonly Option<string> Chromium = new("--chromium") { Description = "The browser.", DefaultValueFactory = _ => "/usr/bin/chromium" };

    public static Command Create(IReadOnlyList<string> args)
    {
        var command = new Command("heatmap", "Load the dashboard's fleet page with every API answer served from memory and print, per data center, the time from its heat-map answer arriving to its heat map drawn and shown, and the longest main-thread task.")
        {
            DataCenters, Nodes, Runs, Wwwroot, Baseline, DeviceScale, CpuSlowdown, Chromium,
        };
        command.SetAction((result, ct) => result.GetValue(DataCenters) < 1 || result.GetValue(Nodes) < 1 || result.GetValue(Runs) < 1
            || !(result.GetValue(DeviceScale) > 0) || !(result.GetValue(CpuSlowdown) >= 1)
            ? CommandRunner.InvalidAsync("heatmap", "--data-centers, --nodes, --runs and --cpu-slowdown must be at least 1, --device-scale over 0.")
            : CommandRunner.RunAsync("heatmap", () => HeatMapBenchmark.RunAsync(
                new HeatMapSettings(
                    result.GetValue(DataCenters),
                    result.GetValue(Nodes),
                    result.GetValue(Runs),
                    result.GetValue(Wwwroot) ?? RepositoryPaths.DashboardFolder(),
                    result.GetValue(Baseline),
                    result.GetValue(DeviceScale),
                    result.GetValue(CpuSlowdown),
                    result.GetValue(Chromium)!,
                    $"{CommandRunner.Invocation} {string.Join(' ', args)}"),
                ct)));
        return command;
    }
}
