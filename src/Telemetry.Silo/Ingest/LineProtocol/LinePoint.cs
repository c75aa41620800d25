namespace Telemetry.Silo.Ingest.LineProtocol;

/// <summary>One line of InfluxDB line protocol.</summary>
/// <param name="Line">The line's number in the body, from 1, for error messages.</param>
/// <param name="Measurement">The measurement, e.g. <c>nvidia_smi</c>.</param>
/// <param name="Tags">Tag values by key, unescaped.</param>
/// <param name="Fields">Field values by key.</param>
/// <param name="Timestamp">The timestamp in the request's precision, or null when the line has none.</param>
public sealed record LinePoint(
    int Line,
    string Measurement,
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyDictionary<string, LineValue> Fields,
    long? Timestamp);
