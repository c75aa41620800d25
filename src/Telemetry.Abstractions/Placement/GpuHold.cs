namespace Telemetry.Placement;

/// <summary>A reservation's hold on some of one node's GPUs.</summary>
[GenerateSerializer, Immutable, Alias("telemetry.GpuHold")]
public sealed record GpuHold(
    [property: Id(0)] string ReservationId,
    [property: Id(1)] string[] Gpus,
    [property: Id(2)] DateTimeOffset ExpiresAt,
    [property: Id(3)] string? JobId);
