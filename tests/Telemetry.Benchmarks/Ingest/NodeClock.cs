namespace Telemetry.Benchmarks.Ingest;

/// <summary>
/// Sample times for one node's successive reports: they end at the send time, as a real exporter's do,
/// and always come after the previous report's, even when the benchmark sends a node's reports faster
/// than one per interval (then the samples are packed closer, down to 1 ms apart).
/// </summary>
internal struct NodeClock
{
    private long _lastMs;

    /// <summary>Fills <paramref name="timestamps"/> (S values, Unix ms, strictly ascending) for a report sent at <paramref name="nowMs"/>.</summary>
    public void Next(long nowMs, double intervalMs, Span<long> timestamps)
    {
        var samples = timestamps.Length;
        var end = Math.Max(nowMs, _lastMs + samples);
        var step = _lastMs == 0 ? intervalMs / samples : Math.Min(intervalMs / samples, (end - _lastMs) / (double)samples);
        for (var s = 0; s < samples; s++)
        {
            timestamps[s] = end - (long)Math.Round((samples - 1 - s) * Math.Max(1, step));
        }

        _lastMs = end;
    }
}
