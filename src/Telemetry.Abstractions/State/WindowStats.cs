namespace Telemetry.State;

/// <summary>Statistics of one field over one window; count, min, mean and max are exact, p95 approximate.</summary>
[GenerateSerializer, Immutable, Alias("telemetry.WindowStats")]
public sealed record WindowStats(
    [property: Id(0)] long Count,
    [property: Id(1)] double Min,
    [property: Id(2)] double Mean,
    [property: Id(3)] double Max,
    [property: Id(4)] double? P95);
