namespace Telemetry.Placement;

/// <summary>GPUs held for a scheduler until <see cref="ExpiresAt"/>.</summary>
[GenerateSerializer, Immutable, Alias("telemetry.PlacementReservation")]
public sealed record PlacementReservation([property: Id(0)] string Id, [property: Id(1)] DateTimeOffset ExpiresAt);
