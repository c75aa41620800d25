namespace Telemetry.Benchmarks.Ingest;

/// <summary>The <c>ingest</c> command's settings.</summary>
/// <param name="Nodes">Simulated nodes (8 GPUs each).</param>
/// <param name="SamplesPerReport">Samples per GPU per body (S).</param>
/// <param name="Concurrency">Connections, each with one body in flight.</param>
/// <param name="Warmup">Load before measuring, not counted.</param>
/// <param name="Duration">Measured window per server.</param>
/// <param name="Peers">Peer servers to compare with, in order.</param>
/// <param name="Smoke">Tiny run for CI: non-zero exit unless every server accepted samples without an error.</param>
/// <param name="SiloBin">The silo's bin folder; null for this repository's Release build.</param>
/// <param name="PoolMiB">Memory for pre-encoded bodies, MiB.</param>
/// <param name="CommandLine">How the run was started, for the report.</param>
/// <param name="Jobs">The job ids the silo's bodies carry (peers get the same samples; line protocol has no job tag).</param>
/// <param name="CompareJobs">Instead of the peers, two silos side by side, one without job ids and one with <paramref name="Jobs"/>.</param>
/// <param name="Rounds">Rounds of that pair.</param>
/// <param name="Control">With <paramref name="CompareJobs"/>: send neither silo job ids, to see what the set-up alone tells apart.</param>
/// <param name="Rate">Samples per second offered in all; 0 for closed loop (as fast as the server answers).</param>
internal sealed record IngestSettings(
    int Nodes,
    int SamplesPerReport,
    int Concurrency,
    TimeSpan Warmup,
    TimeSpan Duration,
    IReadOnlyList<string> Peers,
    bool Smoke,
    string? SiloBin,
    int PoolMiB,
    string CommandLine,
    BenchmarkJobs Jobs,
    bool CompareJobs,
    int Rounds,
    bool Control,
    double Rate);
