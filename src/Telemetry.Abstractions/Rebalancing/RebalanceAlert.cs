namespace Telemetry.Rebalancing;

/// <summary>Something the rebalancer stopped doing for safety and an operator must look at (a tripped breaker, a silent data center).</summary>
[GenerateSerializer, Immutable, Alias("telemetry.RebalanceAlert")]
public sealed record RebalanceAlert(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string DataCenter,
    [property: Id(2)] string Kind,
    [property: Id(3)] string Detail,
    [property: Id(4)] bool Active);
