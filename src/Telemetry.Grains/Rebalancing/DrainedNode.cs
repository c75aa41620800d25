namespace Telemetry.Grains.Rebalancing;

/// <summary>A node the rebalancer drained, and since when it has had no unhealthy GPU (null while it has).</summary>
[GenerateSerializer, Alias("telemetry.DrainedNode")]
public sealed class DrainedNode
{
    [Id(0)] public required string DataCenter { get; set; }
    [Id(1)] public DateTimeOffset? CleanSince { get; set; }
}
