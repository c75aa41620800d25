using Telemetry.Exporter.Sending;
using Telemetry.Wire;

namespace Telemetry.Exporter.Running;

/// <summary>What the <c>run</c> command does: which source, which node, how often, and where to send.</summary>
public sealed record ExporterSettings
{
    /// <summary>The source: <c>nvml</c>, <c>dcgm-exporter=&lt;url&gt;</c> or <c>nvidia-smi</c>.</summary>
    public required SourceSpec Source { get; init; }

    /// <summary>Ingest servers; the node fails over between them.</summary>
    public required IReadOnlyList<Uri> Servers { get; init; }

    /// <summary>The node id, <c>&lt;datacenter&gt;/&lt;host&gt;</c>.</summary>
    public required string NodeId { get; init; }

    /// <summary>Samples per second, 1–10.</summary>
    public double SampleHz { get; init; } = 1;

    /// <summary>Time between reports; each carries about <see cref="SampleHz"/> × this many samples per GPU.</summary>
    public TimeSpan ReportEvery { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Bearer token, or null when the cluster's ingest is open.</summary>
    public string? Token { get; init; }

    /// <summary>Compress bodies with gzip.</summary>
    public bool Gzip { get; init; }

    /// <summary>The on-disk spool's directory, or null for none.</summary>
    public string? SpoolDirectory { get; init; }

    /// <summary>Bound on the spool's files.</summary>
    public long SpoolMaxBytes { get; init; } = ReportSpoolOptions.DefaultMaxBytes;

    /// <summary>How long to run; zero runs until stopped.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>nvidia-smi's path, for the <c>nvidia-smi</c> source.</summary>
    public string NvidiaSmiPath { get; init; } = "nvidia-smi";

    /// <summary>Problems with the settings, each naming the flag (and config key) to fix; empty when usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!NodeIds.IsValid(NodeId))
        {
            errors.Add($"--node-id (nodeId) '{NodeId}' is not <datacenter>/<host> with each part [a-z0-9][a-z0-9._-]{{0,62}}; pass --node-id, or --datacenter when this host's name is not a valid part.");
        }

        if (SampleHz is < 1 or > 10 || double.IsNaN(SampleHz))
        {
            errors.Add($"--sample-hz (sampleHz) must be 1–10; got {SampleHz}.");
        }

        if (ReportEvery < TimeSpan.FromSeconds(0.1) || ReportEvery > TimeSpan.FromHours(1))
        {
            errors.Add($"--report-every (reportEvery) must be 0.1–3600 seconds; got {ReportEvery.TotalSeconds}.");
        }

        if (Servers.Count == 0)
        {
            errors.Add("--server (servers): give at least one ingest server URL.");
        }

        foreach (var server in Servers.Where(s => !s.IsAbsoluteUri || s.Scheme is not ("http" or "https")))
        {
            errors.Add($"--server (servers) '{server}' is not an absolute http(s) URL.");
        }

        if (SpoolMaxBytes < 1 << 20)
        {
            errors.Add("--spool-max-mib (spoolMaxMib) must be at least 1.");
        }

        return errors;
    }
}
