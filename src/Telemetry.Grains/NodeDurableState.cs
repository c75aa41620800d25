namespace Telemetry.Grains;

/// <summary>
/// What a node grain writes to durable storage after every applied report: the last applied seq of its
/// recent exporter instances, so no report is applied twice even when the node grain moves to another silo.
/// </summary>
[GenerateSerializer, Alias("telemetry.NodeDurableState")]
public sealed class NodeDurableState
{
    [Id(0)] public List<BootSeq> Boots { get; set; } = [];
}
