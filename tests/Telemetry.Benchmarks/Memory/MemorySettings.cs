namespace Telemetry.Benchmarks.Memory;

/// <summary>The <c>memory</c> command's settings.</summary>
/// <param name="Nodes">Nodes to activate, 8 GPUs each.</param>
/// <param name="Interval">Time between a node's first and second report.</param>
/// <param name="ActivationRate">Reports sent per second at most.</param>
/// <param name="SamplesPerReport">Samples per GPU per report.</param>
/// <param name="Concurrency">Requests in flight at most.</param>
/// <param name="SettleTimeout">Longest wait for RSS and GC heap to stop moving after the second round.</param>
/// <param name="SiloBin">The silo's bin folder; null for this repository's Release build.</param>
/// <param name="CommandLine">How the run was started, for the report.</param>
internal sealed record MemorySettings(
    int Nodes,
    TimeSpan Interval,
    double ActivationRate,
    int SamplesPerReport,
    int Concurrency,
    TimeSpan SettleTimeout,
    string? SiloBin,
    string CommandLine);
