namespace Telemetry.State;

/// <summary>One 10-second bucket of a field's history: bucket start, mean and max.</summary>
[GenerateSerializer, Immutable, Alias("telemetry.HistoryPoint")]
public sealed record HistoryPoint([property: Id(0)] DateTimeOffset T, [property: Id(1)] double Mean, [property: Id(2)] double Max);
