namespace Telemetry.Rebalancing;

/// <summary>A job a decision touches: on a drained node, or the one a migration moves; the tenant when a placement named it.</summary>
[GenerateSerializer, Immutable, Alias("telemetry.DecisionJob")]
public sealed record DecisionJob(
    [property: Id(0)] string JobId,
    [property: Id(1)] int Gpus,
    [property: Id(2)] string? Tenant);
