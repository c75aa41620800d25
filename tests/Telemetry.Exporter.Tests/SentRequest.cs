namespace Telemetry.Exporter.Tests;

/// <summary>What <see cref="ScriptedHandler"/> saw of one request.</summary>
internal sealed record SentRequest(Uri Uri, byte[] Body, string? ContentType, string ContentEncoding, string? Authorization);
