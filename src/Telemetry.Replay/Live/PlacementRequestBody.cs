namespace Telemetry.Replay.Live;

/// <summary>The body of <c>POST /api/v1/placement</c> (docs/api.md); null members are left out.</summary>
internal sealed record PlacementRequestBody
{
    public required int Gpus { get; init; }

    /// <summary>A share of one GPU, 1–999 thousandths, with <see cref="Gpus"/> 1.</summary>
    public int? GpuMilli { get; init; }

    public string? Model { get; init; }

    public string[]? DataCenters { get; init; }

    public string? Tenant { get; init; }

    public bool SingleNode { get; init; }

    public int Candidates { get; init; }

    public int ReserveSeconds { get; init; }

    public string? JobId { get; init; }
}
