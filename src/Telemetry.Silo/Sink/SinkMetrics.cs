namespace Telemetry.Silo.Sink;

/// <summary>The sink's counters in points, read by <c>GET /metrics</c>; all zero while the sink is off.</summary>
public sealed class SinkMetrics
{
    private long _written;
    private long _retried;
    private long _spooled;
    private long _replayed;
    private long _droppedQueueFull;
    private long _droppedRejected;
    private volatile bool _unreachable;

    /// <summary>Points InfluxDB accepted.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Points sent again after a failed write.</summary>
    public long Retried => Interlocked.Read(ref _retried);

    /// <summary>Points put in the on-disk spool because InfluxDB was unreachable.</summary>
    public long Spooled => Interlocked.Read(ref _spooled);

    /// <summary>Points written from the spool once InfluxDB was back.</summary>
    public long Replayed => Interlocked.Read(ref _replayed);

    /// <summary>Points dropped because the in-memory queue was full.</summary>
    public long DroppedQueueFull => Interlocked.Read(ref _droppedQueueFull);

    /// <summary>Points InfluxDB refused for good (a 4xx other than 408 and 429).</summary>
    public long DroppedRejected => Interlocked.Read(ref _droppedRejected);

    /// <summary>True from a write that failed every attempt until the next one InfluxDB takes (readiness reports it).</summary>
    public bool Unreachable => _unreachable;

    /// <summary>Batches the spool dropped, oldest first, to stay within its bound; read from the spool.</summary>
    public Func<long> SpoolDroppedBatches { get; set; } = static () => 0;

    /// <summary>Points waiting in memory now.</summary>
    public Func<int> QueueDepth { get; set; } = static () => 0;

    public void MarkUnreachable() => _unreachable = true;

    public void MarkReachable() => _unreachable = false;

    public void AddWritten(int points) => Interlocked.Add(ref _written, points);

    public void AddRetried(int points) => Interlocked.Add(ref _retried, points);

    public void AddSpooled(int points) => Interlocked.Add(ref _spooled, points);

    public void AddReplayed(int points) => Interlocked.Add(ref _replayed, points);

    public void AddDroppedQueueFull() => Interlocked.Increment(ref _droppedQueueFull);

    public void AddDroppedRejected(int points) => Interlocked.Add(ref _droppedRejected, points);
}
