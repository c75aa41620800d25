namespace Telemetry.Placement;

/// <summary>What a data center is asked: a request already checked, with the node mode decided.</summary>
/// <param name="Request">The scheduler's request.</param>
/// <param name="SingleNode">One node (true) or several of this data center (false).</param>
/// <param name="Candidates">How many candidates to return at most.</param>
[GenerateSerializer, Immutable, Alias("telemetry.PlacementQuery")]
public sealed record PlacementQuery(
    [property: Id(0)] PlacementRequest Request,
    [property: Id(1)] bool SingleNode,
    [property: Id(2)] int Candidates);
