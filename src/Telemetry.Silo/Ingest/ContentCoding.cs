namespace Telemetry.Silo.Ingest;

/// <summary>The body compressions WIRE.md allows.</summary>
public enum ContentCoding
{
    Identity,
    Gzip,
    Brotli,
}
