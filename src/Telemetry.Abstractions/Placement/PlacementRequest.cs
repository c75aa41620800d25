namespace Telemetry.Placement;

/// <summary>A scheduler's question (API.md, <c>POST /api/v1/placement</c>): where can a job of this shape run?</summary>
[GenerateSerializer, Immutable, Alias("telemetry.PlacementRequest")]
public sealed record PlacementRequest
{
    /// <summary>GPUs the job needs, at least 1.</summary>
    [Id(0)] public int Gpus { get; init; }

    /// <summary>GPU model name as the exporters report it (e.g. <c>NVIDIA B200</c>); any model when null.</summary>
    [Id(1)] public string? Model { get; init; }

    /// <summary>Free frame buffer each GPU must have, MiB; 0 asks nothing.</summary>
    [Id(2)] public double MinFreeMemoryMib { get; init; }

    /// <summary>Data centers the job may go to; every data center when null.</summary>
    [Id(3)] public string[]? DataCenters { get; init; }

    /// <summary>The job's tenant; limits the data centers to those the rebalancing policy allows it.</summary>
    [Id(4)] public string? Tenant { get; init; }

    /// <summary>True: one node only; false: several nodes of one data center. Default: one node when the job fits one.</summary>
    [Id(5)] public bool? SingleNode { get; init; }

    /// <summary>Candidates wanted, 1–20; default 3.</summary>
    [Id(6)] public int? Candidates { get; init; }

    /// <summary>Seconds to hold the first candidate's GPUs, 0–3600; 0 holds nothing.</summary>
    [Id(7)] public int ReserveSeconds { get; init; }

    /// <summary>The job's id: its reservation ends once telemetry shows it running on the held GPUs.</summary>
    [Id(8)] public string? JobId { get; init; }

    /// <summary>A share of one GPU, thousandths (1–999, with <see cref="Gpus"/> 1); null asks for whole GPUs.</summary>
    [Id(9)] public int? GpuMilli { get; init; }

    /// <summary>A job spread over nodes may mix GPU models; by default all its nodes have one model.</summary>
    [Id(10)] public bool AllowMixedModels { get; init; }
}
