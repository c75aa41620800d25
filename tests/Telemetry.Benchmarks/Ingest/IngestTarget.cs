using Telemetry.Benchmarks.Hosting;

namespace Telemetry.Benchmarks.Ingest;

/// <summary>A running server and how to write to it.</summary>
/// <param name="Server">The child process.</param>
/// <param name="WriteUri">Where bodies are posted.</param>
/// <param name="ContentType">The bodies' <c>Content-Type</c>.</param>
/// <param name="Format">Which of the fleet's encodings the server takes.</param>
internal sealed record IngestTarget(ServerProcess Server, Uri WriteUri, string ContentType, BodyFormat Format);
