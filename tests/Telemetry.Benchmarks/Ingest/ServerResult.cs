namespace Telemetry.Benchmarks.Ingest;

/// <summary>One server's figures: the measured window plus its memory at the end of it.</summary>
/// <param name="Name">Server name.</param>
/// <param name="Load">The measured window.</param>
/// <param name="RssBytes">VmRSS at the end of the window.</param>
/// <param name="PeakRssBytes">VmHWM (peak RSS) at the end of the window.</param>
/// <param name="BodyBytes">Average body size sent to this server.</param>
/// <param name="Note">What the server itself counted, when it says (the silo's /metrics).</param>
internal sealed record ServerResult(string Name, LoadResult Load, long RssBytes, long PeakRssBytes, double BodyBytes, string? Note);
