namespace Telemetry.Silo.Ingest.LineProtocol;

/// <summary>InfluxDB 2's error body, <c>{"code":"invalid","message":"…"}</c>, which Telegraf logs as it is.</summary>
public sealed record InfluxError(string Code, string Message);
