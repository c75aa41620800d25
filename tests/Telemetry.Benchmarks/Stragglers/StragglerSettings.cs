namespace Telemetry.Benchmarks.Stragglers;

/// <summary>What the detection-scoring benchmark simulates: the fleet, how long in sample time, and how often stragglers strike.</summary>
internal sealed record StragglerSettings(int Nodes, double Hours, double StragglerRatePerGpuHour, int Seed, string CommandLine);
