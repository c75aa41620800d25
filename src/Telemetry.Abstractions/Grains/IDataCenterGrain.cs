using Telemetry.State;

namespace Telemetry.Grains;

/// <summary>One data center, keyed by its name: the summary of its nodes.</summary>
[Alias("telemetry.IDataCenterGrain")]
public interface IDataCenterGrain : IGrainWithStringKey
{
    /// <summary>A node's summary changed (or its heartbeat came due).</summary>
    [Alias("ReportNode")]
    Task ReportNodeAsync(NodeSummary summary);

    [Alias("GetSummary")]
    Task<DataCenterSummary> GetSummaryAsync();

    /// <summary>The data center's nodes ordered by id, one page.</summary>
    [Alias("GetNodes")]
    Task<NodeSummary[]> GetNodesAsync(int skip, int take);
}
