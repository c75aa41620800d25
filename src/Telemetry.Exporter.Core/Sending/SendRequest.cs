namespace Telemetry.Exporter.Sending;

/// <summary>One encoded body and where to try it first.</summary>
/// <param name="Body">The bytes exactly as sent on every attempt (already compressed when <paramref name="Gzip"/>).</param>
/// <param name="Gzip">The body is gzip-compressed.</param>
/// <param name="FirstServer">Index of the server to try first; failover moves on from there.</param>
public readonly record struct SendRequest(ReadOnlyMemory<byte> Body, bool Gzip, int FirstServer);
