namespace Telemetry.Benchmarks.Ingest;

/// <summary>One server's measured window.</summary>
/// <param name="Seconds">Length of the measured window (warm-up excluded), s.</param>
/// <param name="AcceptedBodies">Bodies answered 2xx.</param>
/// <param name="AcceptedSamples">GPU samples in those bodies.</param>
/// <param name="AcceptedBytes">Bytes in those bodies.</param>
/// <param name="Errors">Failed requests by status or transport error.</param>
/// <param name="FirstError">The first failure, with the server's answer.</param>
/// <param name="P50Ms">Median request latency, ms.</param>
/// <param name="P99Ms">99th percentile request latency, ms.</param>
/// <param name="MaxMs">Slowest request, ms.</param>
/// <param name="ServerCpuSeconds">The server's user + system CPU time over the window, s.</param>
/// <param name="DriverCpuSeconds">The load driver's own CPU time over the window, s (it shares the machine).</param>
internal sealed record LoadResult(
    double Seconds,
    long AcceptedBodies,
    long AcceptedSamples,
    long AcceptedBytes,
    IReadOnlyDictionary<string, long> Errors,
    string? FirstError,
    double P50Ms,
    double P99Ms,
    double MaxMs,
    double ServerCpuSeconds,
    double DriverCpuSeconds)
{
    public long ErrorCount => Errors.Values.Sum();

    public double SamplesPerSecond => AcceptedSamples / Seconds;

    /// <summary>Samples accepted per second of server CPU; 0 when the server used none.</summary>
    public double SamplesPerCpuSecond => ServerCpuSeconds > 0 ? AcceptedSamples / ServerCpuSeconds : 0;

    /// <summary>Server CPU-seconds spent per million accepted samples.</summary>
    public double CpuSecondsPerMillion => AcceptedSamples > 0 ? ServerCpuSeconds / AcceptedSamples * 1e6 : double.NaN;
}
