namespace Telemetry.Testing;

/// <summary>A server a test or benchmark needs is missing or did not come up. The message says what to do.</summary>
internal sealed class ServerStartException(string message) : Exception(message);
