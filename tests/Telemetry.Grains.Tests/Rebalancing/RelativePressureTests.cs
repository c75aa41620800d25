using Microsoft.Extensions.Time.Testing;
using Telemetry.Grains.Rebalancing;
using Telemetry.Rebalancing;
using Telemetry.State;

namespace Telemetry.Grains.Tests.Rebalancing;

/// <summary>Hot and degraded are judged against the rest of the fleet, weights come back, and shifts never form a cycle.</summary>
public sealed class RelativePressureTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    private readonly RebalancerMemory _memory = new();
    private readonly RebalancePolicy _policy = new() { PairCooldownSeconds = 30 };

    [Fact]
    public void Evaluate_EveryDataCenterEquallyFull_ShiftsNothing()
    {
        var step = Run(TestSignals.Of("dc1", free: 16), TestSignals.Of("dc2", free: 16), TestSignals.Of("dc3", free: 24));

        Assert.Empty(step.Decisions);
        Assert.All(step.Weights.Values, w => Assert.Equal(1, w));
    }

    [Fact]
    public void Evaluate_FullWhileAnotherHasRoom_ShiftsForHotAndNamesEveryDataCentersNumbers()
    {
        var step = Settled(TestSignals.Of("dc1", free: 8), TestSignals.Of("dc2", free: 160), TestSignals.Of("dc3", free: 120));

        var shift = Assert.Single(step.Decisions, d => d.Kind == DecisionKind.Shift);
        Assert.StartsWith("dc1 is hot", shift.Reason);
        Assert.Equal(("dc1", "dc2"), (shift.From, shift.To));
        Assert.Equal(["dc1", "dc2", "dc3"], shift.DataCenters.Select(d => d.Id));
        Assert.Equal(new DataCenterWeight("dc1", 0.01, 0, 1, 1, 0.25), shift.DataCenters[0]);
        Assert.Equal(new DataCenterWeight("dc2", 0.2, 0, 1, 1, 1), shift.DataCenters[1]);
    }

    [Fact]
    public void Evaluate_OthersFillUpToo_RestoresTheTurnedDownWeightAndTurnsNoOtherDown()
    {
        Settled(TestSignals.Of("dc1", free: 8), TestSignals.Of("dc2", free: 160), TestSignals.Of("dc3", free: 120));
        var decisions = new List<RebalanceDecision>();
        for (var i = 0; i < 30; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(10));

            // New work went elsewhere: the others are now as full as dc1.
            decisions.AddRange(Run(TestSignals.Of("dc1", free: 8), TestSignals.Of("dc2", free: 8), TestSignals.Of("dc3", free: 4)).Decisions);
        }

        var back = Assert.Single(decisions, d => d.Kind == DecisionKind.Shift);
        Assert.Equal(("dc1", (double?)1), (back.To, back.AdmissionWeight));
        Assert.All(_memory.DataCenters.Values, s => Assert.Equal(1, s.Weight));
    }

    [Fact]
    public void Evaluate_LoadMovesAroundTheFleet_ShiftsNeverPointAtEachOther()
    {
        var free = new[] { (8, 160), (100, 100), (160, 8), (100, 100), (8, 160) };
        var down = new List<(string From, string? To)>();
        foreach (var (a, b) in free)
        {
            for (var i = 0; i < 10; i++)
            {
                var step = Run(TestSignals.Of("dc1", free: a), TestSignals.Of("dc2", free: b));
                down.AddRange(step.Decisions.Where(d => d.Kind == DecisionKind.Shift && d.From is not null).Select(d => (d.From!, d.To)));

                // Never both turned down at once: the one that is not pressured is where work goes.
                Assert.Contains(step.Weights.Values, w => w == 1);
                _time.Advance(TimeSpan.FromSeconds(10));
            }
        }

        Assert.Equal([("dc1", "dc2"), ("dc2", "dc1"), ("dc1", "dc2")], down);
    }

    [Fact]
    public void Evaluate_DegradedAndFull_ReasonSaysDegraded()
    {
        var step = Settled(TestSignals.Of("dc1", free: 0, degraded: 800), TestSignals.Of("dc2", free: 160));

        var shift = Assert.Single(step.Decisions, d => d.Kind == DecisionKind.Shift);
        Assert.StartsWith("dc1 is degraded", shift.Reason);
    }

    [Fact]
    public void Evaluate_EveryDataCenterEquallyDegraded_ShiftsNothing()
    {
        var step = Run(TestSignals.Of("dc1", free: 100, degraded: 300), TestSignals.Of("dc2", free: 100, degraded: 280));

        Assert.Empty(step.Decisions);
    }

    [Fact]
    public void Evaluate_DarkDataCenterReportsAgain_WeightComesBackWithAnAlert()
    {
        var dark = Run(TestSignals.Of("dc1", offline: 800, free: 0, reportingNodes: 0), TestSignals.Of("dc2"));
        _time.Advance(TimeSpan.FromSeconds(10));
        var back = Run(TestSignals.Of("dc1"), TestSignals.Of("dc2"));

        Assert.StartsWith("dc1 is dark", Assert.Single(dark.Decisions).Reason);
        Assert.Equal(0, dark.Weights["dc1"]);
        Assert.True(Assert.Single(dark.Alerts).Active);
        Assert.Equal("dc1", Assert.Single(back.Decisions).To);
        Assert.Equal(1, back.Weights["dc1"]);
        Assert.False(Assert.Single(back.Alerts).Active);
    }

    [Fact]
    public void Evaluate_DrainedNode_ListsItsJobsWithTheirTenants()
    {
        NodeSignal[] nodes = [new NodeSignal("dc1/n0000", 1, false, true) { Jobs = [new JobShare("j-1", 4), new JobShare("j-2", 2)] }];
        var step = Rebalancer.Evaluate([TestSignals.Of("dc1", nodeSignals: nodes)], _policy, _memory, job => job == "j-1" ? "uni-a" : null, _time.GetUtcNow());

        var drain = Assert.Single(step.Decisions, d => d.Kind == DecisionKind.Drain);
        Assert.Equal([new DecisionJob("j-1", 4, "uni-a"), new DecisionJob("j-2", 2, null)], drain.Jobs);
        Assert.Contains("j-1 (4 GPUs)", drain.Reason);
    }

    [Fact]
    public void Evaluate_NodeAnOperatorUndrained_IsNotDrainedAgainUntilClean()
    {
        _memory.OperatorUndrained.Add("dc1/n0000");
        var bad = TestSignals.Of("dc1", nodeSignals: [new NodeSignal("dc1/n0000", _policy.DrainUnhealthyGpus, false, true)]);

        var respected = Run(bad);
        _time.Advance(TimeSpan.FromSeconds(10));
        Run(TestSignals.Of("dc1"));
        _time.Advance(TimeSpan.FromSeconds(10));
        var again = Run(bad);

        Assert.Empty(respected.Decisions);
        Assert.Single(again.Decisions, d => d.Kind == DecisionKind.Drain);
    }

    [Fact]
    public void Evaluate_FullAtOneIntervalOnly_ShiftsNothing()
    {
        var once = Run(TestSignals.Of("dc1", free: 8), TestSignals.Of("dc2", free: 160));
        _time.Advance(TimeSpan.FromSeconds(10));
        var after = Run(TestSignals.Of("dc1", free: 100), TestSignals.Of("dc2", free: 160));

        Assert.Empty(once.Decisions);
        Assert.Empty(after.Decisions);
    }

    // A data center turns hot or degraded only when the condition holds at two intervals in a row: the step of the second.
    private RebalanceStep Settled(params DataCenterSignals[] signals)
    {
        Run(signals);
        _time.Advance(TimeSpan.FromSeconds(10));
        return Run(signals);
    }

    private RebalanceStep Run(params DataCenterSignals[] signals) => Rebalancer.Evaluate(signals, _policy, _memory, _ => null, _time.GetUtcNow());
}
