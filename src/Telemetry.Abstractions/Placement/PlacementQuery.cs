namespace Telemetry.Placement;

/// <summary>What a data center is asked: a request already checked, with the node mode decided.</summary>
/// <param name="Request">The scheduler's request.</param>
/// <param name="SingleNode">One node (true) or several of this data center (false).</param>
/// <param name="Candidates">How many candidates to return at most.</param>
/// <param name="BoundTo">
/// How many data centers the request's tenant is bound to by the rebalancing policy (it may run nowhere else), this one
/// among them; 0 for a tenant free to run anywhere. The data center learns from it how much of its demand depends on it.
/// </param>
[GenerateSerializer, Immutable, Alias("telemetry.PlacementQuery")]
public sealed record PlacementQuery(
    [property: Id(0)] PlacementRequest Request,
    [property: Id(1)] bool SingleNode,
    [property: Id(2)] int Candidates,
    [property: Id(3)] int BoundTo = 0);
