namespace Telemetry.Placement;

/// <summary>One place a job could go, its score (higher is better) and why it scored so.</summary>
[GenerateSerializer, Immutable, Alias("telemetry.PlacementCandidate")]
public sealed record PlacementCandidate(
    [property: Id(0)] string DataCenter,
    [property: Id(1)] double Score,
    [property: Id(2)] string Why,
    [property: Id(3)] PlacementNode[] Nodes);
