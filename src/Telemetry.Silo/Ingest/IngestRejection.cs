namespace Telemetry.Silo.Ingest;

/// <summary>Why ingest refused a body: the HTTP status, a stable code, and a sentence a person can act on.</summary>
public sealed record IngestRejection(int Status, string Code, string Detail, int? ReportIndex = null, int? RetryAfterSeconds = null);
