using Telemetry.Rebalancing;
using Telemetry.State;

namespace Telemetry.Grains.Events;

/// <summary>
/// Where grains hand the history operators chart (InfluxDB, in the silo): GPU rollups, node and data-center
/// summaries, rebalancing decisions. Called on a grain's turn: an implementation only queues and never blocks or throws.
/// </summary>
public interface ITimeSeriesSink
{
    /// <summary>False when no time-series database is configured: grains then skip the work of feeding the sink.</summary>
    bool IsEnabled { get; }

    /// <summary>One GPU's 10-second rollup, once per bucket of sample time.</summary>
    void WriteGpuRollup(GpuRollup rollup);

    /// <summary>A node's summary as its data center received it.</summary>
    void WriteNode(NodeSummary summary, DateTimeOffset at);

    /// <summary>A data center's summary, on the data center's periodic tick.</summary>
    void WriteDataCenter(DataCenterSummary summary, DateTimeOffset at);

    /// <summary>One rebalancing decision, as the rebalancer made or updated it.</summary>
    void WriteDecision(RebalancingDecisionPoint decision);

    /// <summary>A rebalancer alert raised or resolved (a breaker, a dark data center).</summary>
    void WriteAlert(RebalanceAlert alert);
}
