namespace Telemetry.Jobs;

/// <summary>A job in short, as <c>GET /api/v1/jobs</c> lists it.</summary>
[GenerateSerializer, Immutable, Alias("telemetry.JobListing")]
public sealed record JobListing
{
    [Id(0)] public required string JobId { get; init; }

    [Id(1)] public string? Tenant { get; init; }

    /// <summary>The data centers its GPUs are in.</summary>
    [Id(2)] public required string[] DataCenters { get; init; }

    /// <summary>GPUs reporting the job.</summary>
    [Id(3)] public required int Gpus { get; init; }

    /// <summary>The UUIDs of its stragglers; empty when none.</summary>
    [Id(4)] public required string[] Stragglers { get; init; }

    /// <summary>When the job last told its data centers' indexes about itself (server time).</summary>
    [Id(5)] public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Increases with every listing the job grain sends: one-way calls may arrive out of order, and of two sent in the same millisecond the later must win.</summary>
    [Id(6)] public long Version { get; init; }
}
