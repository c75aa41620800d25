namespace Telemetry.Placement;

/// <summary>One node of a candidate and the GPUs on it the job would get.</summary>
[GenerateSerializer, Immutable, Alias("telemetry.PlacementNode")]
public sealed record PlacementNode([property: Id(0)] string Node, [property: Id(1)] string[] Gpus);
