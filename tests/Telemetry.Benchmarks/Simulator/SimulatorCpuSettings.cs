namespace Telemetry.Benchmarks.Simulator;

/// <summary>What the simulator CPU benchmark runs: each exporter build in turn, with the same fleet and window.</summary>
/// <param name="Builds">telemetry-exporter.dll paths, each measured in turn (the first is the baseline of the ratios).</param>
/// <param name="DataCenters">Data centers of the simulated fleet.</param>
/// <param name="NodesPerDataCenter">Nodes in each, 8 GPUs each.</param>
/// <param name="Warmup">Running before the window opens (start-up, JIT, the first reports); not counted.</param>
/// <param name="Window">The measured time per build.</param>
/// <param name="Rounds">Times each build is measured, the builds taking turns; the median round is reported.</param>
/// <param name="DryRun">Bodies go to the simulator's in-process accepting handler, not over a socket.</param>
/// <param name="CommandLine">The full command, for the report.</param>
internal sealed record SimulatorCpuSettings(
    IReadOnlyList<string> Builds,
    int DataCenters,
    int NodesPerDataCenter,
    TimeSpan Warmup,
    TimeSpan Window,
    int Rounds,
    bool DryRun,
    string CommandLine)
{
    /// <summary>The national soak's report shape: a report per node every 10 s, 4 samples per GPU, sample time ×4.</summary>
    public IEnumerable<string> SimulateArguments(Uri? server) =>
    [
        "simulate", "--server", server?.ToString() ?? "http://127.0.0.1:9/",
        "--datacenters", $"{DataCenters}", "--nodes-per-datacenter", $"{NodesPerDataCenter}",
        "--interval", "10", "--samples-per-report", "4", "--time-scale", "4", "--seed", "1",
        "--duration", $"{(int)(Warmup + Window).TotalSeconds + 5}s", "--quiet", "--no-spool",
        .. DryRun ? ["--dry-run"] : Array.Empty<string>(),
    ];
}
