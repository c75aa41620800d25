namespace Telemetry.Grains.Rebalancing;

/// <summary>A node whose jobs the rebalancer is moving off: those that ran there when it first turned unhealthy and have not moved yet; kept until it is repaired.</summary>
[GenerateSerializer, Alias("telemetry.EvacuatingNode")]
public sealed class EvacuatingNode
{
    [Id(0)] public required string DataCenter { get; set; }
    [Id(1)] public HashSet<string> PendingJobs { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Jobs whose move was proposed, until they leave the node.</summary>
    [Id(3)] public HashSet<string> MovingJobs { get; set; } = new(StringComparer.Ordinal);

    /// <summary>When the node first turned unhealthy.</summary>
    [Id(4)] public DateTimeOffset Since { get; set; }

    /// <summary>True while the evacuation holds the node drained.</summary>
    [Id(2)] public bool Drained { get; set; }
}
