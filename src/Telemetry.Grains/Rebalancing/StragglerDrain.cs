namespace Telemetry.Grains.Rebalancing;

/// <summary>A node the rebalancer drained because a GPU of it was a straggler, and since when none of its GPUs has been one (null while one is).</summary>
[GenerateSerializer, Alias("telemetry.StragglerDrain")]
public sealed class StragglerDrain
{
    /// <summary>The node's data center.</summary>
    [Id(0)] public required string DataCenter { get; set; }

    /// <summary>The job the straggler held back.</summary>
    [Id(1)] public required string JobId { get; set; }

    /// <summary>The straggling GPU.</summary>
    [Id(2)] public required string Uuid { get; set; }

    /// <summary>Since when no GPU of the node has been a straggler; null while one is.</summary>
    [Id(3)] public DateTimeOffset? CleanSince { get; set; }
}
