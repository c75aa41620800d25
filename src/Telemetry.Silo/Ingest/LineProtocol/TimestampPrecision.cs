namespace Telemetry.Silo.Ingest.LineProtocol;

/// <summary>InfluxDB 2's <c>precision</c> parameter: the unit of line timestamps (default <c>ns</c>).</summary>
public static class TimestampPrecision
{
    /// <summary>A converter from timestamps in <paramref name="precision"/> to Unix milliseconds, or null for an unknown precision.</summary>
    public static Func<long, long>? ToMilliseconds(string? precision) => precision switch
    {
        null or "" or "ns" => t => t / 1_000_000,
        "us" => t => t / 1_000,
        "ms" => t => t,
        "s" => t => t * 1_000,
        _ => null,
    };
}
