using Telemetry.Placement;

namespace Telemetry.Grains;

/// <summary>What a reservation grain keeps: the nodes holding GPUs for it, and until when.</summary>
[GenerateSerializer, Alias("telemetry.ReservationState")]
public sealed class ReservationState
{
    [Id(0)] public string[] Nodes { get; set; } = [];

    [Id(1)] public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>What each node holds: its GPUs, and the share of a GPU for a fraction.</summary>
    [Id(2)] public PlacementNode[] Parts { get; set; } = [];

    [Id(3)] public string? JobId { get; set; }
}
