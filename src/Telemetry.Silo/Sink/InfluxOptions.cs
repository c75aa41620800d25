namespace Telemetry.Silo.Sink;

/// <summary>The InfluxDB 2 sink's settings (<c>Telemetry:Influx:*</c>); the sink is off without <see cref="Url"/>.</summary>
public sealed class InfluxOptions
{
    public const string Section = "Telemetry:Influx";

    /// <summary>InfluxDB 2's base address, e.g. <c>http://influxdb:8086</c>; none switches the sink off.</summary>
    public string? Url { get; set; }

    /// <summary>An API token allowed to write to <see cref="Bucket"/>.</summary>
    public string? Token { get; set; }

    /// <summary>The organization owning the bucket.</summary>
    public string? Org { get; set; }

    public string? Bucket { get; set; }

    /// <summary>Where batches wait while InfluxDB is unreachable; default a folder per silo port under the temp directory.</summary>
    public string? SpoolDir { get; set; }

    /// <summary>Bound on the spool's files, MiB; past it the oldest batches are dropped. Default 256.</summary>
    public int SpoolMaxMiB { get; set; } = 256;

    /// <summary>Points queued in memory before new ones are dropped. Default 200,000 (about 100 MB of rollups).</summary>
    public int QueueCapacity { get; set; } = 200_000;

    /// <summary>Points per write. Default 5,000.</summary>
    public int BatchSize { get; set; } = 5_000;

    /// <summary>Longest a point waits for its batch to fill. Default 1 s.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Tries per batch before it goes to the spool. Default 3.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The first retry's delay; each later one doubles up to <see cref="MaxRetryDelay"/>. Each wait is half to all of that (jitter). Default 0.5 s.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest wait between tries, also while the spool waits for InfluxDB to come back. Default 30 s.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>HTTP timeout of one write. Default 10 s.</summary>
    public TimeSpan WriteTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public override string ToString() =>
        $"Url={Url}, Org={Org}, Bucket={Bucket}, Token={(string.IsNullOrEmpty(Token) ? "none" : "***")}, SpoolDir={SpoolDir}, SpoolMaxMiB={SpoolMaxMiB}";
}
