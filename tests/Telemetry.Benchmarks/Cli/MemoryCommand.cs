using System.CommandLine;
using System.Globalization;
using Telemetry.Benchmarks.Memory;

namespace Telemetry.Benchmarks.Cli;

/// <summary><c>memory</c>: the silo's resident memory and GC heap per GPU with a whole fleet activated.</summary>
internal static class MemoryCommand
{
    private static readonly Option<int> Nodes = new("--nodes") { Description = "Nodes to activate, 8 GPUs each (default: the national fleet, 260,000 GPUs).", DefaultValueFactory = _ => 32_500 };
    private static readonly Option<TimeSpan> Interval = DurationOption.Create("--interval", "Time from a node's first report to its second.", TimeSpan.FromSeconds(30));
    private static readonly Option<double> ActivationRate = new("--activation-rate")
    {
        Description = "Reports per second at most, e.g. 2000/s.",
        DefaultValueFactory = _ => 2000,
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
    private static readonly Option<string?> SiloBin = new("--silo-bin") { Description = "Folder of Telemetry.Silo.dll (default: this repository's src/Telemetry.Silo/bin/Release/net10.0).", HelpName = "folder" };

    public static Command Create(IReadOnlyList<string> args)
    {
        var command = new Command("memory", "Start a silo, activate N nodes × 8 GPUs with one report each, send a second round an interval later, let the GC settle, and print RSS and GC heap per GPU.")
        {
            Nodes, Interval, ActivationRate, SamplesPerReport, Concurrency, SettleTimeout, SiloBin,
        };
        command.SetAction((result, ct) => Problem(result) is { } problem
            ? CommandRunner.InvalidAsync("memory", problem)
            : CommandRunner.RunAsync("memory", () => MemoryBenchmark.RunAsync(
            new MemorySettings(
                result.GetValue(Nodes),
                result.GetValue(Interval),
                result.GetValue(ActivationRate),
                result.GetValue(SamplesPerReport),
                result.GetValue(Concurrency),
                result.GetValue(SettleTimeout),
                result.GetValue(SiloBin),
                $"{CommandRunner.Invocation} {string.Join(' ', args)}"),
            ct)));
        return command;
    }

    // The parser checks each flag's syntax; these are the ranges that make a run meaningful.
    private static string? Problem(ParseResult result) =>
        result.GetValue(Nodes) < 1 || result.GetValue(SamplesPerReport) is < 1 or > 1000 || result.GetValue(Concurrency) < 1
            ? "--nodes and --concurrency must be at least 1, --samples-per-report 1 to 1000."
            : null;
}
