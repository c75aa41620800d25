namespace Telemetry.Silo.Ingest;

/// <summary>Ingest settings (<c>Ingest:*</c>, WIRE.md).</summary>
public sealed class IngestOptions
{
    public const string Section = "Ingest";

    /// <summary>Largest body accepted, after decompression, bytes. Default 4 MiB.</summary>
    public long MaxBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>How far in the future a sample may be stamped. Default 5 minutes.</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Ingest bodies this silo works on at once; more are answered 429 with Retry-After, never queued. Default 128.</summary>
    public int MaxConcurrentRequests { get; set; } = 128;

    /// <summary>The cluster's ingest secret for per-node tokens; none means authentication is off.</summary>
    public string? TokenSecret { get; set; }

    /// <summary>The secret being rotated out: its tokens are still accepted until it is removed. Needs <see cref="TokenSecret"/>.</summary>
    public string? PreviousTokenSecret { get; set; }

    public override string ToString() =>
        $"MaxBodyBytes={MaxBodyBytes}, MaxClockSkew={MaxClockSkew}, MaxConcurrentRequests={MaxConcurrentRequests}, TokenSecret={(TokenSecret is null ? "none" : "***")}, PreviousTokenSecret={(PreviousTokenSecret is null ? "none" : "***")}";
}
