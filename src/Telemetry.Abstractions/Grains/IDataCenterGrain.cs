using Telemetry.Placement;
using Telemetry.Rebalancing;
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

    /// <summary>The best candidates of this data center for a placement, from its index; never asks the nodes.</summary>
    [Alias("Find")]
    Task<DataCenterMatch> FindAsync(PlacementQuery query);

    /// <summary>The share of new work admitted here (0–1), as the rebalancer set it.</summary>
    [Alias("SetAdmissionWeight")]
    Task SetAdmissionWeightAsync(double weight);

    /// <summary>What the rebalancer reads each interval.</summary>
    [Alias("GetSignals")]
    Task<DataCenterSignals> GetSignalsAsync();
}
