using Telemetry.Replay.Engines;

namespace Telemetry.Replay;

/// <summary>What <c>telemetry-exporter replay</c> was asked to do (docs/replay.md).</summary>
public sealed record ReplayOptions
{
    /// <summary>Silos' base URLs; empty runs the baselines offline (no telemetry, no decisions).</summary>
    public IReadOnlyList<Uri> Servers { get; init; } = [];

    public required string TracePath { get; init; }

    public required string NodesPath { get; init; }

    /// <summary>Data centers the nodes are spread over, 1–64. Default 5.</summary>
    public int DataCenters { get; init; } = 5;

    public string? TenantsPath { get; init; }

    public string Mode { get; init; } = ReplayModes.Packing;

    /// <summary>Policies, each run on its own fresh fleet, in this order.</summary>
    public IReadOnlyList<string> Policies { get; init; } = [];

    /// <summary>Whether the runs act on the silo's rebalancing decisions.</summary>
    public bool Rebalance { get; init; } = true;

    /// <summary>GPU faults per GPU-hour of trace time (timeline mode); null: Llama 3's rate scaled so the window sees about 300.</summary>
    public double? FaultsPerGpuHour { get; init; }

    /// <summary>Timeline: arrivals this many times closer together, run times unchanged. Default 1.</summary>
    public double Load { get; init; } = 1;

    /// <summary>Trace seconds per wall second while a cluster is linked (timeline mode).</summary>
    public double Speed { get; init; } = 20_000;

    public int Seed { get; init; } = 1;

    public required string OutDirectory { get; init; }

    /// <summary>The trace seconds a timeline covers.</summary>
    public TimelineWindow Window { get; init; } = TimelineWindow.Whole;

    /// <summary>The API key (a scheduler's, or an operator's) sent as a bearer token; null when the cluster has none.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Seconds between each simulated node's telemetry reports. Default 2.</summary>
    public double ReportEverySeconds { get; init; } = 2;
}
