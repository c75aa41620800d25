namespace Telemetry.Exporter.Sending;

/// <summary>
/// A lock-free latency histogram with log-spaced buckets (16 per doubling, about 4.4% wide) from 1 µs to
/// about 18 minutes: constant memory, and percentiles good to a few percent.
/// </summary>
public sealed class LatencyHistogram
{
    private const int BucketsPerDoubling = 16;
    private const int BucketCount = 30 * BucketsPerDoubling;
    private readonly long[] _buckets = new long[BucketCount];
    private long _count;
    private long _maxMicros;

    public long Count => Interlocked.Read(ref _count);

    public double MaxMs => Interlocked.Read(ref _maxMicros) / 1000.0;

    public void Record(TimeSpan latency)
    {
        var micros = Math.Max(1, (long)latency.TotalMicroseconds);
        var index = Math.Min(BucketCount - 1, (int)(Math.Log2(micros) * BucketsPerDoubling));
        Interlocked.Increment(ref _buckets[index]);
        Interlocked.Increment(ref _count);
        var max = Interlocked.Read(ref _maxMicros);
        while (micros > max)
        {
            var seen = Interlocked.CompareExchange(ref _maxMicros, micros, max);
            if (seen == max)
            {
                break;
            }

            max = seen;
        }
    }

    /// <summary>The latency at quantile <paramref name="q"/> (0–1), ms; 0 when empty.</summary>
    public double PercentileMs(double q)
    {
        var count = Count;
        if (count == 0)
        {
            return 0;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(q * count));
        long seen = 0;
        for (var i = 0; i < BucketCount; i++)
        {
            seen += Interlocked.Read(ref _buckets[i]);
            if (seen >= rank)
            {
                // Geometric middle of the bucket, never above the largest value seen.
                var micros = Math.Pow(2, (i + 0.5) / BucketsPerDoubling);
                return Math.Min(micros / 1000.0, MaxMs);
            }
        }

        return MaxMs;
    }
}
