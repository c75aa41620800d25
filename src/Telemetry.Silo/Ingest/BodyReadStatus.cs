namespace Telemetry.Silo.Ingest;

/// <summary>How reading a request body ended.</summary>
public enum BodyReadStatus
{
    Ok,
    TooLarge,
    BadCompression,
}
