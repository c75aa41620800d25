namespace Telemetry.Exporter.Tests;

/// <summary>
/// Tests that run the simulator in real time against a socket: kept apart from the CPU-heavy signal tests,
/// whose parallel run on a small machine would otherwise starve the thread pool and stall requests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealTimeCollection
{
    public const string Name = "real time";
}
