using Telemetry.Grains.Events;
using Telemetry.Rebalancing;
using Telemetry.Silo.Sink;

namespace Telemetry.Sink.Tests;

public sealed class SinkDecisionListenerTests
{
    [Fact]
    public void ToPoint_Drain_TakesTheNodesDataCenterAndLowerCaseKindAndStatus()
    {
        var at = DateTimeOffset.Parse("2026-11-28T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var decision = new RebalanceDecision
        {
            Id = "d-1",
            At = at,
            Kind = DecisionKind.Drain,
            Node = "dc2/gpu-node-7",
            Gpus = 2,
            Reason = "2 unhealthy GPUs",
            Signals = new Dictionary<string, double>(),
            Status = DecisionStatus.Acknowledged,
        };

        var point = SinkDecisionListener.ToPoint(decision);

        Assert.Equal(new RebalancingDecisionPoint("d-1", at, "drain", "dc2", null, "dc2/gpu-node-7", null, 2, "2 unhealthy GPUs", "acknowledged"), point);
    }

    [Fact]
    public void ToPoint_Shift_KeepsBothDataCentersAndCountsNoGpus()
    {
        var decision = new RebalanceDecision
        {
            Id = "d-2",
            At = DateTimeOffset.UnixEpoch,
            Kind = DecisionKind.Shift,
            From = "dc1",
            To = "dc3",
            Reason = "dc1 is nearly full",
            Signals = new Dictionary<string, double> { ["freeShare"] = 0.03 },
        };

        var point = SinkDecisionListener.ToPoint(decision);

        Assert.Equal(("shift", "dc1", "dc3", 0, "proposed"), (point.Kind, point.From, point.To, point.Gpus, point.Status));
    }
}
