using Telemetry.Rebalancing;
using Telemetry.State;

namespace Telemetry.Grains.Events;

/// <summary>The sink when none is configured: grains see <see cref="IsEnabled"/> false and skip the work.</summary>
public sealed class NoTimeSeriesSink : ITimeSeriesSink
{
    public bool IsEnabled => false;

    public void WriteGpuRollup(GpuRollup rollup)
    {
    }

    public void WriteNode(NodeSummary summary, DateTimeOffset at)
    {
    }

    public void WriteDataCenter(DataCenterSummary summary, DateTimeOffset at)
    {
    }

    public void WriteDecision(RebalancingDecisionPoint decision)
    {
    }

    public void WriteAlert(RebalanceAlert alert)
    {
    }
}
