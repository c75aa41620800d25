namespace Telemetry.Benchmarks.Hosting;

/// <summary>A benchmark could not start: a server is missing, not built, or did not come up. The message says what to do.</summary>
internal sealed class BenchmarkSetupException(string message) : Exception(message);
