namespace Telemetry.Benchmarks.Packing;

/// <summary>What the packing benchmark replays: the trace, the node list, how the nodes split into data centers, and the seed.</summary>
internal sealed record PackingSettings(string Trace, string Nodes, int DataCenters, int Seed, string CommandLine);
