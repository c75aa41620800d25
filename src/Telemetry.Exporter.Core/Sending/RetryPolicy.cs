namespace Telemetry.Exporter.Sending;

/// <summary>
/// Back-off between attempts: exponential with "equal jitter" so many senders that failed together do not retry
/// together. The exporter's sends and spool drain and the silo's sink all wait by this one policy.
/// </summary>
/// <param name="BaseDelay">Delay after the first failure (before jitter).</param>
/// <param name="MaxDelay">Cap on the delay (before jitter).</param>
public sealed record RetryPolicy(TimeSpan BaseDelay, TimeSpan MaxDelay)
{
    /// <summary>The delay before attempt <paramref name="failures"/> + 1; <paramref name="jitter"/> is uniform in [0, 1).</summary>
    public TimeSpan DelayAfter(int failures, double jitter)
    {
        var exponent = Math.Min(failures - 1, 20);
        var full = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds((full / 2) + (jitter * full / 2));
    }

    /// <summary>The delay before attempt <paramref name="failures"/> + 1, with a random jitter: half to all of the exponential delay.</summary>
    public TimeSpan DelayAfter(int failures) => DelayAfter(failures, Random.Shared.NextDouble());
}
