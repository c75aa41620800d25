namespace Telemetry.Grains.DataCenters;

/// <summary>
/// What a data-center grain writes to durable storage now and then (<see cref="SnapshotSchedule"/>): its nodes and
/// their last summaries in compact form, so a new activation counts every node at once instead of waiting a heartbeat.
/// </summary>
[GenerateSerializer, Alias("telemetry.DataCenterDurableState")]
public sealed class DataCenterDurableState
{
    /// <summary>When it was written; the time since then is time the data center could not hear its nodes.</summary>
    [Id(0)] public DateTimeOffset SavedAt { get; set; }

    /// <summary>
    /// Every node the data center held, ordered by node id, as builds before <see cref="Packed"/> wrote them; read, never
    /// written, so that a data center written by such a build still comes back whole.
    /// </summary>
    [Id(1)] public RememberedNode[] Nodes { get; set; } = [];

    /// <summary>Every node the data center held, ordered by node id, packed by <see cref="NodeSnapshotCodec"/>; null in a state written before it.</summary>
    [Id(2)] public byte[]? Packed { get; set; }
}
