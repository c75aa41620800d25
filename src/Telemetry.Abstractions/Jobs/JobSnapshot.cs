namespace Telemetry.Jobs;

/// <summary>A job and its GPUs side by side (<c>GET /api/v1/jobs/{jobId}</c>).</summary>
[GenerateSerializer, Immutable, Alias("telemetry.JobSnapshot")]
public sealed record JobSnapshot
{
    [Id(0)] public required string JobId { get; init; }

    /// <summary>The job's tenant as placement recorded it; null when the job was not placed through this cluster.</summary>
    [Id(1)] public string? Tenant { get; init; }

    /// <summary>The data centers its GPUs are in, in order.</summary>
    [Id(2)] public required string[] DataCenters { get; init; }

    /// <summary>Its GPUs, by UUID.</summary>
    [Id(3)] public required JobGpu[] Gpus { get; init; }

    /// <summary>The UUIDs of its stragglers.</summary>
    [Id(4)] public required string[] Stragglers { get; init; }

    /// <summary>The median over its GPUs of each signal in the newest window compared; signals not measured are left out.</summary>
    [Id(5)] public required IReadOnlyDictionary<string, double> JobMedian { get; init; }

    /// <summary>Start of the newest 10-second window compared (sample time); null before the first.</summary>
    [Id(6)] public DateTimeOffset? ComparedAt { get; init; }
}
