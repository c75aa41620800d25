using Telemetry.State;

namespace Telemetry.Grains.Placement;

/// <summary>A node in a data center's placement index: its latest summary and the GPUs still offered.</summary>
public sealed class IndexedNode(NodeSummary summary, DateTimeOffset receivedAt)
{
    public NodeSummary Summary { get; set; } = summary;

    public DateTimeOffset ReceivedAt { get; set; } = receivedAt;

    /// <summary>The free GPUs as the node last said.</summary>
    public string[] Free { get; set; } = summary.FreeGpuUuids;

    /// <summary>Its shared GPUs that take another fraction, as last indexed.</summary>
    public SharedSlot[] Slots { get; set; } = [];

    public string Id => Summary.NodeId;

    public int Size => Summary.Gpus;
}
