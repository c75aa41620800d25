using Telemetry.State;

namespace Telemetry.Rebalancing;

/// <summary>A node the rebalancer may drain or undrain: it has unhealthy GPUs, or it is drained.</summary>
[GenerateSerializer, Immutable, Alias("telemetry.NodeSignal")]
public sealed record NodeSignal(
    [property: Id(0)] string NodeId,
    [property: Id(1)] int UnhealthyGpus,
    [property: Id(2)] bool Drained,
    [property: Id(3)] bool Reporting)
{
    /// <summary>The jobs running on the node, so a drain names what it touches.</summary>
    [Id(4)] public JobShare[] Jobs { get; init; } = [];
}
