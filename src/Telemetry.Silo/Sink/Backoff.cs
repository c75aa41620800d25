namespace Telemetry.Silo.Sink;

/// <summary>Exponential back-off with jitter: try n waits base × 2^(n−1), ±25 %, capped.</summary>
public sealed class Backoff(TimeSpan first, TimeSpan max, Random? random = null)
{
    private readonly Random _random = random ?? Random.Shared;

    /// <summary>The wait after the <paramref name="failures"/>-th failure in a row (1 or more).</summary>
    public TimeSpan Delay(int failures)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failures, 1);
        var exponential = first.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 30));
        var capped = Math.Min(exponential, max.TotalMilliseconds);

        // Jitter, so silos that lost InfluxDB together do not come back in one burst.
        var jittered = capped * (0.75 + (0.5 * _random.NextDouble()));
        return TimeSpan.FromMilliseconds(Math.Min(jittered, max.TotalMilliseconds));
    }
}
