namespace Telemetry.Silo.Ingest;

/// <summary>The 202 body (WIRE.md): reports applied, GPU samples applied, duplicate reports.</summary>
public sealed record IngestAnswer(int Reports, int Samples, int Duplicates);
