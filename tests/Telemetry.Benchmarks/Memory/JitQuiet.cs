using System.Diagnostics;
using Telemetry.Benchmarks.Ingest;

namespace Telemetry.Benchmarks.Memory;

/// <summary>
/// Waits for a silo's JIT to stop compiling. The runtime promotes a method to optimised code only once it has been
/// called enough times after a quiet spell (tiered compilation's call-counting delay), and compiles it on a background
/// thread; a warm-up that ends while that is still going on leaves the compiles to the round measured next.
/// </summary>
internal static class JitQuiet
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    /// <summary>Fewer new methods than this in one poll counts as quiet: the silo's timers still compile the odd method.</summary>
    private const double QuietMethods = 5;

    /// <summary>Methods compiled while waiting; the wait ends when a poll finds the JIT quiet, or after <paramref name="timeout"/>.</summary>
    public static async Task<double> WaitAsync(HttpClient client, IngestTarget target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var start = await RuntimeReading.ReadAsync(client, target, cancellationToken);
        var last = start;
        while (clock.Elapsed < timeout)
        {
            await Task.Delay(Poll, cancellationToken);
            var now = await RuntimeReading.ReadAsync(client, target, cancellationToken);
            var compiled = (now - last).Methods;
            last = now;
            if (!(compiled >= QuietMethods))
            {
                break;
            }
        }

        return (last - start).Methods;
    }
}
