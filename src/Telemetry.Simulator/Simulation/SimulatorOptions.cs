using Telemetry.Exporter.Simulation.Scenarios;
using Telemetry.Wire;

namespace Telemetry.Exporter.Simulation;

/// <summary>What to simulate and where to send it. Defaults match the <c>simulate</c> command's.</summary>
public sealed record SimulatorOptions
{
    /// <summary>Ingest servers (base URL or full <c>/api/v1/ingest</c> URL); nodes are spread over them and fail over between them.</summary>
    public IReadOnlyList<Uri> Servers { get; init; } = [new("http://localhost:5000")];

    /// <summary>Data-center names (the first part of every node id).</summary>
    public IReadOnlyList<string> DataCenters { get; init; } = ["dc1", "dc2", "dc3"];

    /// <summary>Nodes in each data center.</summary>
    public int NodesPerDataCenter { get; init; } = 10;

    /// <summary>GPUs on each node, 1–64.</summary>
    public int GpusPerNode { get; init; } = 8;

    /// <summary>Host names are <c>&lt;prefix&gt;-0001</c>, <c>&lt;prefix&gt;-0002</c>, …</summary>
    public string HostPrefix { get; init; } = "node";

    /// <summary>Time between a node's reports.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Samples per GPU in each report, evenly spaced within the interval.</summary>
    public int SamplesPerReport { get; init; } = 10;

    /// <summary>How long to run; <see cref="TimeSpan.Zero"/> runs until cancelled.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.Zero;

    /// <summary>HTTP requests in flight at most.</summary>
    public int Concurrency { get; init; } = 64;

    /// <summary>
    /// XID faults per GPU-hour. Default 2·10⁻⁵: Meta's Llama 3 training saw 419 unexpected interruptions
    /// in 54 days on 16,384 H100s ("The Llama 3 Herd of Models", 2024).
    /// </summary>
    public double XidRatePerGpuHour { get; init; } = 2e-5;

    /// <summary>Straggler faults per GPU-hour of a job of 4 GPUs or more (docs/health.md, "Stragglers"); 0 by default.</summary>
    public double StragglerRatePerGpuHour { get; init; }

    /// <summary>What happens to the fleet (docs/rebalancing.md); <see cref="ScenarioKind.Steady"/> by default.</summary>
    public ScenarioKind Scenario { get; init; } = ScenarioKind.Steady;

    /// <summary>How much faster than real time the scenario's timeline runs (its lead-in, storm and swings), 1–100. Default 1.</summary>
    public double ScenarioSpeed { get; init; } = 1;

    /// <summary>
    /// How much faster than the clock sample time runs, 1–360. Default 1: samples are stamped with the time they are sent.
    /// Above 1 the run needs a <see cref="Duration"/>: sample time starts (scale − 1) × duration in the past and reaches
    /// the clock as the run ends, so it never runs ahead of the servers' clocks. Each report then covers
    /// <see cref="Interval"/> × scale of sample time: at 4 a 15-minute run sends an hour of samples (with 4 samples per
    /// report and a 10-s interval, one sample per GPU every 10 s of sample time), at the sample rate of real time.
    /// </summary>
    public double TimeScale { get; init; } = 1;

    /// <summary>Demand 0.4–0.9 held steady instead of the daily load curve, so a run does not depend on the time of day; null follows the curve.</summary>
    public double? Load { get; init; }

    /// <summary>Seed for jobs, noise and faults; null for a different run each time. GPU UUIDs depend only on the seed (0 when null) and node id.</summary>
    public int? Seed { get; init; }

    /// <summary>The fleet's model mix; each node draws one model by weight.</summary>
    public IReadOnlyList<ModelShare> Models { get; init; } = [new(GpuModelSpec.B200, 1)];

    /// <summary>Bearer token sent with every request; null sends none.</summary>
    public string? Token { get; init; }

    /// <summary>Compress bodies with gzip.</summary>
    public bool Gzip { get; init; }

    /// <summary>Generate and encode everything but answer every request in-process with 202 (measures the simulator itself).</summary>
    public bool DryRun { get; init; }

    /// <summary>How long one HTTP attempt may take before it counts as a timeout and is retried.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>First back-off after a failed attempt; doubles per failure up to <see cref="RetryMaxDelay"/>, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest back-off between attempts.</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Directory of the on-disk spool that keeps bodies no server takes, so nothing is lost while every server is down;
    /// null runs without one (a node's report time is then skipped while its previous body is in flight). The
    /// <c>simulate</c> command turns it on by default; in-process runs (the silo's demo) leave it off.
    /// </summary>
    public string? SpoolDirectory { get; init; }

    /// <summary>Bound on the spool's files; past it the oldest bodies are dropped. Default 256 MiB.</summary>
    public long SpoolMaxBytes { get; init; } = 256L << 20;

    /// <summary>Total nodes simulated.</summary>
    public int NodeCount => DataCenters.Count * NodesPerDataCenter;

    /// <summary>What is wrong with these options; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        Check(errors, Servers.Count > 0, "at least one server is needed");
        foreach (var server in Servers)
        {
            Check(errors, server.IsAbsoluteUri && server.Scheme is "http" or "https", $"server '{server}' is not an absolute http(s) URL");
        }

        Check(errors, DataCenters.Count > 0, "at least one data center is needed");
        foreach (var dc in DataCenters)
        {
            Check(errors, NodeIds.IsValidPart(dc), $"data-center name '{dc}' must match [a-z0-9][a-z0-9._-]{{0,62}}");
        }

        Check(errors, NodeIds.IsValidPart($"{HostPrefix}-{NodesPerDataCenter}"), $"host prefix '{HostPrefix}' makes invalid host names");
        Check(errors, NodesPerDataCenter > 0, "nodes per data center must be at least 1");
        Check(errors, GpusPerNode is >= 1 and <= 64, "GPUs per node must be 1–64");
        Check(errors, Interval > TimeSpan.Zero && Interval <= TimeSpan.FromHours(1), "interval must be over 0 and at most an hour");
        Check(errors, SamplesPerReport is >= 1 and <= 3_600, "samples per report must be 1–3600");
        Check(errors, Interval.TotalMilliseconds / Math.Max(1, SamplesPerReport) >= 1, "samples must be at least 1 ms apart (interval / samples per report)");
        Check(errors, TimeScale is >= 1 and <= 360, "time scale must be 1–360");
        Check(errors, TimeScale == 1 || Duration > TimeSpan.Zero, "a time scale above 1 needs a duration (sample time catches up with the clock as the run ends)");
        Check(errors, Duration >= TimeSpan.Zero, "duration must not be negative");
        Check(errors, Concurrency >= 1, "concurrency must be at least 1");
        Check(errors, ScenarioSpeed is >= 1 and <= 100, "scenario speed must be 1–100");
        Check(errors, Load is null or (>= 0.4 and <= 0.9), "load must be 0.4–0.9, the daily curve's range");
        Check(errors, XidRatePerGpuHour >= 0 && double.IsFinite(XidRatePerGpuHour), "XID rate must be a finite number ≥ 0");
        Check(errors, StragglerRatePerGpuHour >= 0 && double.IsFinite(StragglerRatePerGpuHour), "straggler rate must be a finite number ≥ 0");
        Check(errors, Models.Count > 0 && Models.All(m => m.Weight > 0), "the model mix needs at least one model, each with a weight over 0");
        Check(errors, RequestTimeout > TimeSpan.Zero, "request timeout must be over 0");
        Check(errors, SpoolDirectory is null || SpoolMaxBytes >= 1L << 20, "the spool bound must be at least 1 MiB");
        Check(errors, SpoolDirectory is null || !string.IsNullOrWhiteSpace(SpoolDirectory), "the spool directory must not be empty");
        return errors;
    }

    private static void Check(List<string> errors, bool ok, string message)
    {
        if (!ok)
        {
            errors.Add(message);
        }
    }
}
