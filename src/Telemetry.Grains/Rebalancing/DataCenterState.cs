namespace Telemetry.Grains.Rebalancing;

/// <summary>What the rebalancer remembers of one data center between intervals: the states it is in, so it leaves them only at the exit thresholds.</summary>
[GenerateSerializer, Alias("telemetry.DataCenterState")]
public sealed class DataCenterState
{
    [Id(0)] public bool Hot { get; set; }
    [Id(1)] public bool Degraded { get; set; }
    [Id(2)] public bool Dark { get; set; }
    [Id(3)] public double Weight { get; set; } = 1;
    [Id(4)] public DateTimeOffset ShiftCooldownUntil { get; set; }
    [Id(5)] public bool BreakerOpen { get; set; }

    /// <summary>Nodes by when they were first seen unhealthy, for the breaker's window.</summary>
    [Id(6)] public Dictionary<string, DateTimeOffset> UnhealthySince { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The hot enter condition held at the last interval: a data center turns hot only when it holds at two in a row.</summary>
    [Id(7)] public bool HotSeen { get; set; }

    /// <summary>The degraded enter condition held at the last interval.</summary>
    [Id(8)] public bool DegradedSeen { get; set; }
}
