namespace Telemetry.Placement;

/// <summary>The answer to a <see cref="PlacementRequest"/>: ranked candidates and the reservation, or a refusal.</summary>
[GenerateSerializer, Immutable, Alias("telemetry.PlacementAnswer")]
public sealed record PlacementAnswer
{
    [Id(0)] public PlacementCandidate[] Candidates { get; init; } = [];

    [Id(1)] public PlacementReservation? Reservation { get; init; }

    /// <summary>Set when there are no candidates.</summary>
    [Id(2)] public PlacementRefusal? Refusal { get; init; }
}
