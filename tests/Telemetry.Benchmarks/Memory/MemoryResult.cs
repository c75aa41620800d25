namespace Telemetry.Benchmarks.Memory;

/// <summary>What one silo build measured in the <c>memory</c> benchmark.</summary>
/// <param name="Label">Which build.</param>
/// <param name="Errors">Reports not accepted, all rounds.</param>
/// <param name="FirstRound">The first report of every node (grain activation): wall time and silo CPU-seconds.</param>
/// <param name="SecondRound">The second report of every node.</param>
/// <param name="LaterRounds">Every report after the second, summed, and how many rounds that was.</param>
/// <param name="IdleRss">Silo RSS before any report, bytes.</param>
/// <param name="IdleHeap">Silo GC heap before any report, bytes.</param>
/// <param name="Rss">Silo RSS after the last round, settled, bytes.</param>
/// <param name="PeakRss">Silo peak RSS, bytes.</param>
/// <param name="Heap">Silo GC heap after the last round, settled, bytes.</param>
/// <param name="Activations">Grain activations the silo counted.</param>
/// <param name="Samples">Samples the silo applied.</param>
/// <param name="Settled">Whether RSS and heap stopped moving before the settle timeout.</param>
/// <param name="FirstRoundJit">What the silo's JIT compiled during the first round (NaN for a peer).</param>
internal sealed record MemoryResult(
    string Label,
    long Errors,
    RoundCost FirstRound,
    RoundCost SecondRound,
    RoundCost LaterRounds,
    long IdleRss,
    double IdleHeap,
    long Rss,
    long PeakRss,
    double Heap,
    double Activations,
    double Samples,
    bool Settled,
    RuntimeReading FirstRoundJit);
