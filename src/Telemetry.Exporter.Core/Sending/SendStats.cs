namespace Telemetry.Exporter.Sending;

/// <summary>A snapshot of a simulator run's counters; cumulative unless named "recent".</summary>
public sealed record SendStats
{
    /// <summary>Time since the run started.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>Simulated nodes.</summary>
    public required int Nodes { get; init; }

    /// <summary>Reports answered with a 2xx (applied or duplicate).</summary>
    public required long ReportsAccepted { get; init; }

    /// <summary>GPU samples (rows) in accepted reports.</summary>
    public required long SamplesAccepted { get; init; }

    /// <summary>Body bytes of accepted reports, as sent (compressed when gzip is on).</summary>
    public required long BytesAccepted { get; init; }

    /// <summary>Reports answered with a 4xx other than 429, which are not retried.</summary>
    public required long ReportsRejected { get; init; }

    /// <summary>Attempts that failed and were retried (429, 5xx, connection errors, timeouts).</summary>
    public required long Retries { get; init; }

    /// <summary>Report times skipped because the node's previous body was still in flight (only without a spool).</summary>
    public required long ReportsSkipped { get; init; }

    /// <summary>XID faults the simulator injected.</summary>
    public required long Xids { get; init; }

    /// <summary>HTTP requests in flight now.</summary>
    public required int InFlight { get; init; }

    /// <summary>Failed attempts by kind: <c>http_503</c>, <c>http_429</c>, <c>http_400</c>, <c>connection</c>, <c>timeout</c>, …</summary>
    public required IReadOnlyDictionary<string, long> Errors { get; init; }

    /// <summary>Latency of every answered request over the run, ms.</summary>
    public required double LatencyP50Ms { get; init; }

    /// <inheritdoc cref="LatencyP50Ms"/>
    public required double LatencyP99Ms { get; init; }

    /// <inheritdoc cref="LatencyP50Ms"/>
    public required double LatencyMaxMs { get; init; }

    /// <summary>Latency over the last full second, ms (the live view).</summary>
    public required double RecentLatencyP50Ms { get; init; }

    /// <inheritdoc cref="RecentLatencyP50Ms"/>
    public required double RecentLatencyP99Ms { get; init; }

    /// <summary>Bodies that went to the spool over the run (every server down, or still in flight at the node's next report time).</summary>
    public long ReportsSpooled { get; init; }

    /// <summary>Whether the run has an on-disk spool (off with <c>--no-spool</c>).</summary>
    public bool SpoolEnabled { get; init; }

    /// <summary>Bodies waiting in the spool now (including those a previous run left).</summary>
    public long SpoolBodies { get; init; }

    /// <summary>Body bytes waiting in the spool now.</summary>
    public long SpoolBytes { get; init; }

    /// <summary>How long the oldest spooled body has waited; zero when none waits.</summary>
    public TimeSpan SpoolOldestAge { get; init; }

    /// <summary>Spooled bodies dropped, oldest first, to keep the spool within its bound: these samples are lost.</summary>
    public long SpoolDropped { get; init; }

    /// <summary>The first rejection's status and problem text, for the summary; null when none.</summary>
    public string? FirstRejection { get; init; }
}
