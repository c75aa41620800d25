namespace Telemetry.Placement;

/// <summary>A reservation's hold on some of one node's GPUs: each whole, or a share of one GPU.</summary>
[GenerateSerializer, Immutable, Alias("telemetry.GpuHold")]
public sealed record GpuHold(
    [property: Id(0)] string ReservationId,
    [property: Id(1)] string[] Gpus,
    [property: Id(2)] DateTimeOffset ExpiresAt,
    [property: Id(3)] string? JobId)
{
    /// <summary>Thousandths of each GPU held, 1–1000; 1000 (the default) holds it whole.</summary>
    [Id(4)] public int Milli { get; init; } = GpuShares.Whole;

    /// <summary>The share each GPU gives this hold; holds written before shares existed read as whole.</summary>
    public int Share => Milli is > 0 and < GpuShares.Whole ? Milli : GpuShares.Whole;
}
