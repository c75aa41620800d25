namespace Telemetry.State;

/// <summary>
/// One claim on a GPU: a reservation waiting for its job (<see cref="ExpiresAt"/> set), a share whose job runs
/// (reservation and job, no expiry), or a job telemetry shows without a reservation (whole).
/// </summary>
[GenerateSerializer, Immutable, Alias("telemetry.GpuClaim")]
public sealed record GpuClaim
{
    [Id(0)] public required string Uuid { get; init; }

    /// <summary>Thousandths of the GPU claimed, 1–1000.</summary>
    [Id(1)] public required int Milli { get; init; }

    [Id(2)] public string? ReservationId { get; init; }

    [Id(3)] public string? JobId { get; init; }

    /// <summary>When a reservation's hold ends unless its job starts first; null once the job runs.</summary>
    [Id(4)] public DateTimeOffset? ExpiresAt { get; init; }
}
