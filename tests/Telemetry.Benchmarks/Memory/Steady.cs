using System.Diagnostics;

namespace Telemetry.Benchmarks.Memory;

/// <summary>Polls a server's memory figures until they stop moving: three readings in a row within 1 % of each other.</summary>
internal static class Steady
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The last reading and whether it settled before <paramref name="timeout"/>; <paramref name="figures"/> picks what
    /// must settle from a reading, <paramref name="describe"/> the progress line's text.
    /// </summary>
    public static async Task<(T Reading, bool Settled)> WaitAsync<T>(
        Func<CancellationToken, Task<T>> read, Func<T, double[]> figures, Func<T, string> describe, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var readings = new List<double[]>();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var reading = await read(cancellationToken);
            readings.Add(figures(reading));
            await Console.Error.WriteLineAsync($"[memory] settling {deadline.Elapsed.TotalSeconds,4:F0} s  {describe(reading)}");
            var last = readings.TakeLast(3).ToList();
            if (last.Count == 3 && Enumerable.Range(0, last[0].Length).All(f => Within(last.Select(r => r[f]))))
            {
                return (reading, true);
            }

            if (deadline.Elapsed > timeout)
            {
                return (reading, false);
            }

            await Task.Delay(Poll, cancellationToken);
        }
    }

    private static bool Within(IEnumerable<double> values)
    {
        var list = values.ToList();
        return list.Max() <= list.Min() * 1.01;
    }
}
