namespace Telemetry.Rebalancing;

/// <summary>An operator's action for the decision log: who (the API key's name), why, and on what.</summary>
[GenerateSerializer, Immutable, Alias("telemetry.OperatorAction")]
public sealed record OperatorAction(
    [property: Id(0)] DecisionKind Kind,
    [property: Id(1)] string By,
    [property: Id(2)] string Reason,
    [property: Id(3)] string Node,
    [property: Id(4)] string? Gpu);
