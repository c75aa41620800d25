using System.CommandLine;
using Telemetry.Benchmarks.Stragglers;

namespace Telemetry.Benchmarks.Cli;

/// <summary><c>stragglers</c>: scores straggler detection on simulated job windows with injected faults (no silo).</summary>
internal static class StragglersCommand
{
    private static readonly Option<int> Nodes = new("--nodes") { Description = "Simulated nodes, 8 GPUs each.", DefaultValueFactory = _ => 200 };
    private static readonly Option<double> Hours = new("--hours") { Description = "Hours of sample time to simulate (the default gives about 10,000 healthy GPU-hours in jobs of 4 GPUs or more).", DefaultValueFactory = _ => 10 };
    private static readonly Option<double> Rate = new("--straggler-rate") { Description = "Straggler faults per GPU-hour of a job of 4 GPUs or more.", DefaultValueFactory = _ => 0.5 };
    private static readonly Option<int> Seed = new("--seed") { Description = "Seed for jobs, noise and faults.", DefaultValueFactory = _ => 15 };

    public static Command Create(IReadOnlyList<string> args)
    {
        var command = new Command("stragglers", "Simulate nodes with straggler faults, run the job peer comparison on their 10-second windows, and print detection within 60 s and false stragglers per 10,000 GPU-hours against the goals.")
        {
            Nodes, Hours, Rate, Seed,
        };
        command.SetAction((result, ct) => result.GetValue(Nodes) < 1 || !(result.GetValue(Hours) > 0) || !(result.GetValue(Rate) >= 0)
            ? CommandRunner.InvalidAsync("stragglers", "--nodes must be at least 1, --hours over 0 and --straggler-rate at least 0.")
            : CommandRunner.RunAsync("stragglers", () => StragglerBenchmark.RunAsync(
                new StragglerSettings(result.GetValue(Nodes), result.GetValue(Hours), result.GetValue(Rate), result.GetValue(Seed), $"{CommandRunner.Invocation} {string.Join(' ', args)}"),
                ct)));
        return command;
    }
}
