namespace Telemetry.Benchmarks.Memory;

/// <summary>The <c>memory</c> command's settings.</summary>
/// <param name="Nodes">Nodes to activate, 8 GPUs each.</param>
/// <param name="Interval">Sample time between a node's reports (10 s: one report per history bucket).</param>
/// <param name="Minutes">Minutes of sample time sent after the first report (60: a full hour of history).</param>
/// <param name="ActivationRate">Reports sent per second at most in the first round (grain activation).</param>
/// <param name="SamplesPerReport">Samples per GPU per report.</param>
/// <param name="Concurrency">Requests in flight at most.</param>
/// <param name="SettleTimeout">Longest wait for RSS and GC heap to stop moving after the last round.</param>
/// <param name="WarmupNodes">Nodes (other ids) that report a few times before anything is measured, so that the path is compiled.</param>
/// <param name="Silos">The silo builds to measure in turn, each a label and its bin folder (null: this repository's Release build).</param>
/// <param name="CommandLine">How the run was started, for the report.</param>
/// <param name="VictoriaMetrics">Also measure VictoriaMetrics, after the silos, with the same samples as line protocol (its series created on the first report).</param>
internal sealed record MemorySettings(
    int Nodes,
    TimeSpan Interval,
    int Minutes,
    double ActivationRate,
    int SamplesPerReport,
    int Concurrency,
    TimeSpan SettleTimeout,
    int WarmupNodes,
    IReadOnlyList<(string Label, string? Bin)> Silos,
    string CommandLine,
    bool VictoriaMetrics = false)
{
    /// <summary>Reports per node: the first, then one per interval over the minutes of sample time.</summary>
    public int Rounds => 1 + (int)(TimeSpan.FromMinutes(Minutes) / Interval);
}
