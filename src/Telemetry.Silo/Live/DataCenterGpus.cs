namespace Telemetry.Silo.Live;

/// <summary>A data center's GPUs, node by node, ordered by node id.</summary>
public sealed record DataCenterGpus(string DataCenter, IReadOnlyList<HeatMapNode> Nodes);
