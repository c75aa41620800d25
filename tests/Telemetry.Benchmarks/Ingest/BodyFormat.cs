namespace Telemetry.Benchmarks.Ingest;

/// <summary>How a server wants its samples.</summary>
internal enum BodyFormat
{
    /// <summary>Wire format v1 (WIRE.md), one node report per body, float32 values.</summary>
    MessagePack,

    /// <summary>InfluxDB line protocol, one line per GPU sample, millisecond timestamps.</summary>
    LineProtocol,
}
