namespace Telemetry.Wire;

/// <summary>Bounds the decoder enforces before it allocates anything sized by the input.</summary>
public sealed record WireLimits
{
    /// <summary>GPUs per report (WIRE.md: 0 to 64).</summary>
    public int MaxGpusPerReport { get; init; } = 64;

    /// <summary>
    /// Samples per GPU block: 100,000, almost three hours at 10 Hz, so an exporter that buffered through an
    /// outage can send its backlog; the body limit bounds the total anyway.
    /// </summary>
    public int MaxSamplesPerGpu { get; init; } = 100_000;

    /// <summary>Columns in <c>fields</c>; every wire id 1–255 at most once.</summary>
    public int MaxFields { get; init; } = 255;

    /// <summary>XID codes per GPU block.</summary>
    public int MaxXidsPerGpu { get; init; } = 1_024;

    /// <summary>Node-level gauges per report.</summary>
    public int MaxGauges { get; init; } = 256;

    /// <summary>UTF-8 bytes of a GPU UUID, model name, job id, boot id or gauge name.</summary>
    public int MaxStringBytes { get; init; } = 256;

    /// <summary>Reports per body.</summary>
    public int MaxReportsPerBody { get; init; } = 10_000;

    /// <summary>How far in the future a sample timestamp may be (WIRE.md default: 5 minutes).</summary>
    public TimeSpan MaxClockSkew { get; init; } = TimeSpan.FromMinutes(5);
}
