namespace Telemetry.Benchmarks.Placement;

/// <summary>What the placement benchmark runs: the fleet's shape, the load, and how long.</summary>
internal sealed record PlacementSettings(int Nodes, int DataCenters, int Concurrency, TimeSpan Duration, int ReserveSeconds, string CommandLine);
