namespace Telemetry.Placement;

/// <summary>GPUs held for a scheduler until <see cref="ExpiresAt"/>.</summary>
[GenerateSerializer, Immutable, Alias("telemetry.PlacementReservation")]
public sealed record PlacementReservation([property: Id(0)] string Id, [property: Id(1)] DateTimeOffset ExpiresAt)
{
    /// <summary>The nodes and GPUs held (with the share of a GPU, for a fraction).</summary>
    [Id(2)] public PlacementNode[] Nodes { get; init; } = [];

    /// <summary>The job the GPUs are held for; its hold on a GPU ends once telemetry shows it running there.</summary>
    [Id(3)] public string? JobId { get; init; }
}
