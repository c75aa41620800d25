using Telemetry.Benchmarks.Hosting;

namespace Telemetry.Benchmarks.Memory;

/// <summary>Waits for a peer's RSS, read from <c>/proc</c>, to stop moving (<see cref="Steady"/>): a peer has no GC heap to report.</summary>
internal static class ProcessSettle
{
    private const double MiB = 1024 * 1024;

    /// <summary>The RSS at the last reading, and whether it settled before <paramref name="timeout"/>.</summary>
    public static Task<(long Reading, bool Settled)> WaitAsync(int pid, TimeSpan timeout, CancellationToken cancellationToken) =>
        Steady.WaitAsync(
            _ => Task.FromResult(ProcStat.Memory(pid).Rss),
            rss => [rss],
            rss => $"RSS {rss / MiB:N0} MiB",
            timeout,
            cancellationToken);
}
