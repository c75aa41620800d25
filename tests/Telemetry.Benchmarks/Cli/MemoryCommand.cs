using System.CommandLine;
using System.Globalization;
using Telemetry.Benchmarks.Hosting;
using Telemetry.Benchmarks.Memory;

namespace Telemetry.Benchmarks.Cli;

/// <summary><c>memory</c>: the silo's resident memory and GC heap per GPU with a whole fleet activated.</summary>
internal static class MemoryCommand
{
    private static readonly Option<int> Nodes = new("--nodes") { Description = "Nodes to activate, 8 GPUs each (32500: the national fleet, 260,000 GPUs).", DefaultValueFactory = _ => 2_000 };
    private static readonly Option<TimeSpan> Interval = DurationOption.Create("--interval", "Sample time between a node's reports (10s: one report per history bucket).", TimeSpan.FromSeconds(10));
    private static readonly Option<int> Minutes = new("--minutes") { Description = "Minutes of sample time sent after the first report, as fast as the silo takes them (60: a full hour of history; 0: the first report only).", DefaultValueFactory = _ => 60 };
    private static readonly Option<double> ActivationRate = new("--activation-rate")
    {
        Description = "Reports per second at most, e.g. 2000/s.",
        DefaultValueFactory = _ => 5000,
        HelpName = "n/s",
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            var number = text.EndsWith("/s", StringComparison.Ordinal) ? text[..^2] : text;
            if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && rate > 0)
            {
                return rate;
            }

            result.AddError($"--activation-rate: '{text}' is not a positive rate; use e.g. 2000/s.");
            return 0;
        },
    };

    private static readonly Option<int> SamplesPerReport = new("--samples-per-report") { Description = "Samples per GPU in each report, all 23 fields.", DefaultValueFactory = _ => 10 };
    private static readonly Option<int> Concurrency = new("--concurrency") { Description = "Requests in flight at most.", DefaultValueFactory = _ => 16 };
    private static readonly Option<TimeSpan> SettleTimeout = DurationOption.Create("--settle-timeout", "Longest wait for RSS and GC heap to settle after the second round.", TimeSpan.FromSeconds(60));
    private static readonly Option<int> WarmupNodes = new("--warmup-nodes") { Description = "Nodes (other ids, at most --nodes) that report 3 times before anything is measured, in three groups with a wait for the silo's JIT to go quiet after each, so that the first reports measured pay for activation rather than for compiling the path.", DefaultValueFactory = _ => 300 };
    private static readonly Option<string?> SiloBin = new("--silo-bin") { Description = "Folder of Telemetry.Silo.dll (default: this repository's src/Telemetry.Silo/bin/Release/net10.0).", HelpName = "folder" };
    private static readonly Option<string?> BaselineBin = new("--baseline-bin") { Description = "Folder of another build of the silo, measured first with the same reports; the table gives both and their ratio.", HelpName = "folder" };
    private static readonly Option<string> Peers = new("--peers") { Description = "'victoria-metrics' to measure it after the silo with the same samples as line protocol (its CPU per first, second and later report: series creation against steady writes); 'none' (the default) for the silo alone.", DefaultValueFactory = _ => "none", HelpName = "none|victoria-metrics" };
    private static readonly Option<bool> Smoke = new("--smoke") { Description = "A few-second run for CI (10 nodes, a full hour of history): exit code 0 only if every report was accepted." };

    public static Command Create(IReadOnlyList<string> args)
    {
        var command = new Command("memory", "Start a silo, activate N nodes × 8 GPUs with one report each, send a report per interval of sample time for the given minutes (an hour of history), let the GC settle, and print RSS and GC heap per GPU and the silo's CPU per first and later report.")
        {
            Nodes, Interval, Minutes, ActivationRate, SamplesPerReport, Concurrency, SettleTimeout, WarmupNodes, SiloBin, BaselineBin, Peers, Smoke,
        };
        command.SetAction((result, ct) => Problem(result) is { } problem
            ? CommandRunner.InvalidAsync("memory", problem)
            : CommandRunner.RunAsync("memory", () => MemoryBenchmark.RunAsync(
            Settings(result, args),
            ct)));
        return command;
    }

    private static MemorySettings Settings(ParseResult result, IReadOnlyList<string> args)
    {
        var smoke = result.GetValue(Smoke);
        List<(string, string?)> silos = result.GetValue(BaselineBin) is { } baseline
            ? [("baseline", baseline), ("silo", result.GetValue(SiloBin))]
            : [("silo", result.GetValue(SiloBin))];
        return new MemorySettings(
            smoke ? 10 : result.GetValue(Nodes),
            result.GetValue(Interval),
            result.GetValue(Minutes),
            result.GetValue(ActivationRate),
            result.GetValue(SamplesPerReport),
            result.GetValue(Concurrency),
            smoke ? TimeSpan.FromSeconds(10) : result.GetValue(SettleTimeout),
            result.GetValue(WarmupNodes),
            silos,
            $"{CommandRunner.Invocation} {string.Join(' ', args)}",
            result.GetValue(Peers) == VictoriaMetricsLauncher.Name);
    }

    // The parser checks each flag's syntax; these are the ranges that make a run meaningful.
    private static string? Problem(ParseResult result) =>
        result.GetValue(Nodes) < 1 || result.GetValue(WarmupNodes) < 1 || result.GetValue(SamplesPerReport) is < 1 or > 1000 || result.GetValue(Concurrency) < 1
            || result.GetValue(Minutes) is < 0 or > 1440 || result.GetValue(Interval) < TimeSpan.FromSeconds(1)
            ? "--nodes, --warmup-nodes and --concurrency must be at least 1, --samples-per-report 1 to 1000, --minutes 0 to 1440, --interval at least 1s."
            : result.GetValue(Peers) is not ("none" or VictoriaMetricsLauncher.Name)
                ? $"--peers: '{result.GetValue(Peers)}' is not a peer the memory benchmark knows; use none or {VictoriaMetricsLauncher.Name}."
                : null;
}
