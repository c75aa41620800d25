using System.CommandLine;
using Telemetry.Benchmarks.Ingest;

namespace Telemetry.Benchmarks.Cli;

/// <summary><c>ingest</c>: the end-to-end comparison of the silo with VictoriaMetrics and InfluxDB.</summary>
internal static class IngestCommand
{
    private static readonly Option<int> Nodes = new("--nodes") { Description = "Simulated nodes, 8 B200 GPUs each.", DefaultValueFactory = _ => 500 };
    private static readonly Option<int> SamplesPerReport = new("--samples-per-report") { Description = "Samples per GPU in each body (one body = one node report = 8 × S samples, in every format).", DefaultValueFactory = _ => 10 };
    private static readonly Option<int> Concurrency = new("--concurrency") { Description = "Connections, each posting its next body as soon as the previous answer arrives.", DefaultValueFactory = _ => 8 };
    private static readonly Option<TimeSpan> Duration = DurationOption.Create("--duration", "Measured time per server, e.g. 30s, 2m.", TimeSpan.FromSeconds(30));
    private static readonly Option<TimeSpan> Warmup = DurationOption.Create("--warmup", "Load before measuring each server (JIT, grain activation, caches); not counted.", TimeSpan.FromSeconds(3));
    private static readonly Option<string> Peers = new("--peers") { Description = "Comma-separated peers to compare with, in order: victoria-metrics, influxdb (Debian packages of the same names); 'none' for the silo alone.", DefaultValueFactory = _ => "victoria-metrics,influxdb", HelpName = "names" };
    private static readonly Option<bool> Smoke = new("--smoke") { Description = "A few-second run for CI (20 nodes, 1 s warm-up, 2 s per server): exit code 0 only if every server accepted samples without an error." };
    private static readonly Option<string?> SiloBin = new("--silo-bin") { Description = "Folder of Telemetry.Silo.dll (default: this repository's src/Telemetry.Silo/bin/Release/net10.0).", HelpName = "folder" };
    private static readonly Option<string> Jobs = new("--jobs") { Description = "What the GPUs run: 'off' (the simulator's own jobs of 1 to 8 GPUs, with their ids), 'on' (every GPU busy with a job of --job-gpus GPUs), or 'compare': no peers; for each of --rounds rounds, two fresh silos side by side over the same window, both sent the samples of 'on', one without the job ids and one with.", DefaultValueFactory = _ => "off", HelpName = "off|on|compare" };
    private static readonly Option<int> JobGpus = new("--job-gpus") { Description = "GPUs per job with --jobs on or compare: a multiple of 8 (whole nodes of one data center).", DefaultValueFactory = _ => 8 };
    private static readonly Option<int> Rounds = new("--rounds") { Description = "Rounds of the side-by-side pair with --jobs compare.", DefaultValueFactory = _ => 3 };
    private static readonly Option<double> Rate = new("--rate") { Description = "Samples per second to offer (each connection paced to its share); 0: as fast as the server answers. A rate both runs reach makes their CPU per sample compare on a busy machine.", DefaultValueFactory = _ => 0 };
    private static readonly Option<bool> Control = new("--control") { Description = "With --jobs compare: send neither silo job ids (a control run: the ratio then shows the set-up's own difference)." };
    private static readonly Option<int> PoolMiB = new("--pool-mib") { Description = "Memory for the pre-encoded bodies; each node gets as many rounds of distinct values as fit (1 to 16).", DefaultValueFactory = _ => 512 };

    public static Command Create(IReadOnlyList<string> args)
    {
        var command = new Command("ingest", "Generate fleet data in memory, then drive the silo and each peer in turn with the same closed-loop load over 127.0.0.1, and compare samples/s, server CPU, latency and memory.")
        {
            Nodes, SamplesPerReport, Concurrency, Duration, Warmup, Peers, Smoke, SiloBin, PoolMiB, Jobs, JobGpus, Rounds, Control, Rate,
        };
        command.SetAction((result, ct) => Problem(result) is { } problem
            ? CommandRunner.InvalidAsync("ingest", problem)
            : CommandRunner.RunAsync("ingest", () => IngestBenchmark.RunAsync(Settings(result, args), ct)));
        return command;
    }

    private static IngestSettings Settings(ParseResult result, IReadOnlyList<string> args)
    {
        var smoke = result.GetValue(Smoke);
        var peers = result.GetValue(Peers)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(p => !p.Equals("none", StringComparison.OrdinalIgnoreCase)).ToList();
        return new IngestSettings(
            smoke ? 20 : result.GetValue(Nodes),
            result.GetValue(SamplesPerReport),
            result.GetValue(Concurrency),
            smoke ? TimeSpan.FromSeconds(1) : result.GetValue(Warmup),
            smoke ? TimeSpan.FromSeconds(2) : result.GetValue(Duration),
            peers,
            smoke,
            result.GetValue(SiloBin),
            result.GetValue(PoolMiB),
            $"{CommandRunner.Invocation} {string.Join(' ', args)}",
            result.GetValue(Jobs) == "off" ? BenchmarkJobs.Planned : new BenchmarkJobs(result.GetValue(JobGpus), SendIds: true),
            result.GetValue(Jobs) == "compare",
            result.GetValue(Rounds),
            result.GetValue(Control),
            result.GetValue(Rate));
    }

    // The parser checks each flag's syntax; these are the ranges that make a run meaningful.
    private static string? Problem(ParseResult result)
    {
        if (result.GetValue(Nodes) < 1 || result.GetValue(SamplesPerReport) is < 1 or > 1000 || result.GetValue(Concurrency) < 1 || result.GetValue(PoolMiB) < 1)
        {
            return "--nodes, --concurrency and --pool-mib must be at least 1, --samples-per-report 1 to 1000.";
        }

        if (result.GetValue(Rate) is < 0 or double.NaN)
        {
            return "--rate must be 0 (closed loop) or a positive number of samples per second.";
        }

        if (result.GetValue(Jobs) is not ("off" or "on" or "compare"))
        {
            return $"--jobs must be off, on or compare; got '{result.GetValue(Jobs)}'.";
        }

        return result.GetValue(JobGpus) is < 8 or > 4096 || result.GetValue(JobGpus) % 8 != 0 || result.GetValue(Rounds) is < 1 or > 50
            ? "--job-gpus must be a multiple of 8 (8 to 4096), --rounds 1 to 50."
            : null;
    }
}
