namespace Telemetry.Placement;

/// <summary>One data center's answer to a placement query: its best candidates, and what it has when none fits.</summary>
[GenerateSerializer, Immutable, Alias("telemetry.DataCenterMatch")]
public sealed record DataCenterMatch
{
    [Id(0)] public PlacementCandidate[] Candidates { get; init; } = [];

    /// <summary>Free GPUs on eligible nodes (reporting, undrained, model and memory as asked).</summary>
    [Id(1)] public int EligibleFreeGpus { get; init; }

    /// <summary>The most free GPUs on one eligible node.</summary>
    [Id(2)] public int MostFreeOnOneNode { get; init; }

    /// <summary>GPU models reported by this data center's nodes.</summary>
    [Id(3)] public string[] Models { get; init; } = [];

    /// <summary>GPUs on the largest node.</summary>
    [Id(4)] public int LargestNode { get; init; }

    /// <summary>The most GPUs a job spread over this data center's nodes could ever get: of its model, of one model unless mixing is allowed.</summary>
    [Id(5)] public int Capacity { get; init; }

    /// <summary>The largest frame buffer of a GPU of the request's model here, MiB; null when none was measured.</summary>
    [Id(6)] public double? LargestMemoryMib { get; init; }

    /// <summary>GPUs free here, whole and the free thousandths of shared ones, on every node the index holds.</summary>
    [Id(7)] public double FreeGpus { get; init; }

    /// <summary>Share of the recent GPU demand asked of this data center that came from tenants bound to it (0–1).</summary>
    [Id(8)] public double BoundShare { get; init; }
}
