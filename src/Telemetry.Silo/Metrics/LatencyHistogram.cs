namespace Telemetry.Silo.Metrics;

/// <summary>A lock-free cumulative latency histogram in Prometheus' shape (seconds, fixed upper bounds).</summary>
public sealed class LatencyHistogram
{
    /// <summary>Upper bounds, seconds.</summary>
    public static readonly double[] Bounds = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly long[] _buckets = new long[Bounds.Length + 1];
    private long _count;
    private long _sumMicroseconds;

    public void Observe(TimeSpan elapsed)
    {
        var seconds = elapsed.TotalSeconds;
        var i = 0;
        while (i < Bounds.Length && seconds > Bounds[i])
        {
            i++;
        }

        Interlocked.Increment(ref _buckets[i]);
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _sumMicroseconds, (long)(seconds * 1e6));
    }

    public long Count => Interlocked.Read(ref _count);

    public double SumSeconds => Interlocked.Read(ref _sumMicroseconds) / 1e6;

    /// <summary>Cumulative counts for each bound, then +Inf.</summary>
    public long[] Cumulative()
    {
        var result = new long[_buckets.Length];
        long running = 0;
        for (var i = 0; i < _buckets.Length; i++)
        {
            running += Interlocked.Read(ref _buckets[i]);
            result[i] = running;
        }

        return result;
    }
}
