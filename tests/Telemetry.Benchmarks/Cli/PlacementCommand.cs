using System.CommandLine;
using Telemetry.Benchmarks.Placement;

namespace Telemetry.Benchmarks.Cli;

/// <summary><c>placement</c>: placement latency and throughput on one silo over a simulated national fleet.</summary>
internal static class PlacementCommand
{
    private static readonly Option<int> Nodes = new("--nodes") { Description = "Nodes in the simulated fleet, 8 GPUs each (default: the national fleet, 260,000 GPUs).", DefaultValueFactory = _ => 32_500 };
    private static readonly Option<int> DataCenters = new("--datacenters") { Description = "Data centers the nodes are spread over (the fourth has H200s, the rest B200s).", DefaultValueFactory = _ => 5 };
    private static readonly Option<int> Concurrency = new("--concurrency") { Description = "Scheduler clients with a request in flight.", DefaultValueFactory = _ => 16 };
    private static readonly Option<TimeSpan> Duration = DurationOption.Create("--duration", "How long to measure, after a 3 s warm-up; under 30 s, before the fed summaries go stale.", TimeSpan.FromSeconds(15));
    private static readonly Option<int> ReserveSeconds = new("--reserve-seconds") { Description = "Reserve each placement's first candidate for this long (0: rank only).", DefaultValueFactory = _ => 0 };

    public static Command Create(IReadOnlyList<string> args)
    {
        var command = new Command("placement", "Start a silo, feed its data-center indexes a simulated fleet, post placements over HTTP, and print p50/p99 latency and placements per second.")
        {
            Nodes, DataCenters, Concurrency, Duration, ReserveSeconds,
        };
        command.SetAction((result, ct) => Problem(result) is { } problem
            ? CommandRunner.InvalidAsync("placement", problem)
            : CommandRunner.RunAsync("placement", () => PlacementBenchmark.RunAsync(
                new PlacementSettings(
                    result.GetValue(Nodes),
                    result.GetValue(DataCenters),
                    result.GetValue(Concurrency),
                    result.GetValue(Duration),
                    result.GetValue(ReserveSeconds),
                    $"{CommandRunner.Invocation} {string.Join(' ', args)}"),
                ct)));
        return command;
    }

    // Summaries go stale after 35 s without a heartbeat (the benchmark sends none), so a run must end before.
    private static string? Problem(ParseResult result) =>
        result.GetValue(Nodes) < 1 || result.GetValue(DataCenters) < 1 || result.GetValue(Concurrency) < 1
        || result.GetValue(Duration) > TimeSpan.FromSeconds(30) || result.GetValue(ReserveSeconds) is < 0 or > 3600
            ? "--nodes, --datacenters and --concurrency must be at least 1, --duration at most 30s, --reserve-seconds 0 to 3600."
            : null;
}
