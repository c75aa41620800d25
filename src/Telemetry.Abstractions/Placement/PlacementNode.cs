namespace Telemetry.Placement;

/// <summary>One node of a candidate and the GPUs on it the job would get.</summary>
[GenerateSerializer, Immutable, Alias("telemetry.PlacementNode")]
public sealed record PlacementNode([property: Id(0)] string Node, [property: Id(1)] string[] Gpus)
{
    /// <summary>The share of the one GPU in <see cref="Gpus"/>, thousandths (1–999); null when the GPUs are whole.</summary>
    [Id(2)] public int? GpuMilli { get; init; }
}
