using System.Diagnostics;
using Telemetry.Benchmarks.Hosting;

namespace Telemetry.Benchmarks.Memory;

/// <summary>Waits for a peer's RSS to stop moving (three readings in a row within 1 %), read from <c>/proc</c>: a peer has no GC heap to report.</summary>
internal static class ProcessSettle
{
    private const double MiB = 1024 * 1024;
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);

    /// <summary>The RSS at the last reading, and whether it settled before <paramref name="timeout"/>.</summary>
    public static async Task<(long Rss, bool Settled)> WaitAsync(int pid, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var readings = new List<long>();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var rss = ProcStat.Memory(pid).Rss;
            readings.Add(rss);
            await Console.Error.WriteLineAsync($"[memory] settling {deadline.Elapsed.TotalSeconds,4:F0} s  RSS {rss / MiB:N0} MiB");
            var last = readings.TakeLast(3).ToList();
            if (last.Count == 3 && last.Max() <= last.Min() * 1.01)
            {
                return (rss, true);
            }

            if (deadline.Elapsed > timeout)
            {
                return (rss, false);
            }

            await Task.Delay(Poll, cancellationToken);
        }
    }
}
