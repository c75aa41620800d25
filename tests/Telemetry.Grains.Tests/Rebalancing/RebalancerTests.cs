using Microsoft.Extensions.Time.Testing;
using Telemetry.Grains.Rebalancing;
using Telemetry.Rebalancing;
using Telemetry.State;

namespace Telemetry.Grains.Tests.Rebalancing;

public sealed class RebalancerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    private readonly RebalancerMemory _memory = new();
    private readonly Dictionary<string, string> _tenants = new(StringComparer.Ordinal);

    [Fact]
    public void HotDataCenter_ShiftsWeightAndMigratesSmallJobsToTheCoolest()
    {
        var step = Settled(new RebalancePolicy(),
            TestSignals.Of("dc1", free: 10, jobs: [new JobShare("j-small", 2), new JobShare("j-big", 8)], boundWorkTurnedAwayAt: _time.GetUtcNow()),
            TestSignals.Of("dc2", free: 500),
            TestSignals.Of("dc3", free: 300));

        var shift = Assert.Single(step.Decisions, d => d.Kind == DecisionKind.Shift);
        Assert.Equal(("dc1", "dc2"), (shift.From, shift.To));
        Assert.Equal(0.25, step.Weights["dc1"]);
        Assert.Equal(0.0125, shift.Signals["freeShare"]);
        Assert.Equal(0.05, shift.Signals["hotEnterFreeShare"]);
        var moves = step.Decisions.Where(d => d.Kind == DecisionKind.Migrate).ToArray();
        Assert.Equal(["j-small", "j-big"], moves.Select(m => m.JobId));
        Assert.All(moves, m => Assert.Equal(("dc1", "dc2"), (m.From, m.To)));
    }

    [Fact]
    public void Oscillating_LoadAroundTheThresholds_ShiftsOnceAndNeverFlaps()
    {
        var policy = new RebalancePolicy();
        var shifts = 0;
        for (var i = 0; i < 360; i++)
        {
            // Free share swings between 4 % and 12 % every three intervals: across the enter threshold, never past the exit.
            var free = i / 3 % 2 == 0 ? 32 : 96;
            shifts += Run(policy, TestSignals.Of("dc1", free: free), TestSignals.Of("dc2", free: 400)).Decisions.Count(d => d.Kind == DecisionKind.Shift);
            _time.Advance(TimeSpan.FromSeconds(10));
        }

        Assert.Equal(1, shifts);
    }

    [Fact]
    public void Shift_WithinTheCooldown_WaitsForIt()
    {
        var policy = new RebalancePolicy();
        Settled(policy, TestSignals.Of("dc1", free: 10), TestSignals.Of("dc2"));
        _time.Advance(TimeSpan.FromSeconds(10));

        var early = Run(policy, TestSignals.Of("dc1", free: 400), TestSignals.Of("dc2"));
        _time.Advance(TimeSpan.FromSeconds(policy.PairCooldownSeconds));
        var later = Run(policy, TestSignals.Of("dc1", free: 400), TestSignals.Of("dc2"));

        Assert.DoesNotContain(early.Decisions, d => d.Kind == DecisionKind.Shift);
        Assert.Equal(0.25, early.Weights["dc1"]);
        var back = Assert.Single(later.Decisions, d => d.Kind == DecisionKind.Shift);
        Assert.Equal("dc1", back.To);
        Assert.Equal(1, later.Weights["dc1"]);
    }

    [Fact]
    public void Migrate_NeverTakesAJobWhereItsTenantMayNotRun()
    {
        _tenants["j-uni"] = "uni";
        var policy = new RebalancePolicy { TenantDataCenters = new Dictionary<string, string[]> { ["uni"] = ["dc1", "dc3"] } };

        var step = Settled(policy,
            TestSignals.Of("dc1", free: 0, jobs: [new JobShare("j-uni", 1), new JobShare("j-any", 1)], boundWorkTurnedAwayAt: _time.GetUtcNow()),
            TestSignals.Of("dc2", free: 700),
            TestSignals.Of("dc3", free: 300));

        var moves = step.Decisions.Where(d => d.Kind == DecisionKind.Migrate).ToDictionary(d => d.JobId!, d => d.To);
        Assert.Equal("dc3", moves["j-uni"]);
        Assert.Equal("dc2", moves["j-any"]);
    }

    [Fact]
    public void Migrate_RespectsTheCapAndTheJobCooldown()
    {
        var policy = new RebalancePolicy { MaxMovesPerInterval = 2, PairCooldownSeconds = 0 };
        JobShare[] jobs = [new("a", 1), new("b", 1), new("c", 1)];

        var first = Settled(policy, TestSignals.Of("dc1", free: 0, jobs: jobs, boundWorkTurnedAwayAt: _time.GetUtcNow()), TestSignals.Of("dc2", free: 700));
        _time.Advance(TimeSpan.FromSeconds(10));
        var second = Run(policy, TestSignals.Of("dc1", free: 0, jobs: jobs, boundWorkTurnedAwayAt: _time.GetUtcNow()), TestSignals.Of("dc2", free: 700));

        Assert.Equal(["a", "b"], first.Decisions.Where(d => d.Kind == DecisionKind.Migrate).Select(d => d.JobId));
        Assert.Equal(["c"], second.Decisions.Where(d => d.Kind == DecisionKind.Migrate).Select(d => d.JobId));
    }

    [Fact]
    public void HotDataCenter_ThatTurnedAwayNoBoundWork_ShiftsButMovesNothing_UntilItDoes()
    {
        var policy = new RebalancePolicy();
        JobShare[] jobs = [new("j-1", 1)];

        var idle = Settled(policy, TestSignals.Of("dc1", free: 0, jobs: jobs), TestSignals.Of("dc2", free: 700));
        var stale = Run(policy, TestSignals.Of("dc1", free: 0, jobs: jobs, boundWorkTurnedAwayAt: _time.GetUtcNow().AddSeconds(-policy.TurnedAwayWindowSeconds - 1)), TestSignals.Of("dc2", free: 700));
        var wanted = Run(policy, TestSignals.Of("dc1", free: 0, jobs: jobs, boundWorkTurnedAwayAt: _time.GetUtcNow()), TestSignals.Of("dc2", free: 700));

        Assert.Single(idle.Decisions, d => d.Kind == DecisionKind.Shift);
        Assert.DoesNotContain(idle.Decisions, d => d.Kind == DecisionKind.Migrate);
        Assert.DoesNotContain(stale.Decisions, d => d.Kind == DecisionKind.Migrate);
        Assert.Equal("j-1", Assert.Single(wanted.Decisions, d => d.Kind == DecisionKind.Migrate).JobId);
    }

    [Fact]
    public void Migrate_NeverIntoADataCenterThatTurnedAwayWorkLately()
    {
        var policy = new RebalancePolicy();
        var now = _time.GetUtcNow();

        var step = Settled(policy,
            TestSignals.Of("dc1", free: 0, jobs: [new JobShare("j-1", 1)], boundWorkTurnedAwayAt: now),
            TestSignals.Of("dc2", free: 700, workTurnedAwayAt: now),
            TestSignals.Of("dc3", free: 300));

        Assert.Equal("dc3", Assert.Single(step.Decisions, d => d.Kind == DecisionKind.Migrate).To);
    }

    [Fact]
    public void HotDataCenter_WindowZero_ShedsWheneverHot()
    {
        var policy = new RebalancePolicy { TurnedAwayWindowSeconds = 0 };

        var step = Settled(policy, TestSignals.Of("dc1", free: 0, jobs: [new JobShare("j-1", 1)]), TestSignals.Of("dc2", free: 700));

        Assert.Equal("j-1", Assert.Single(step.Decisions, d => d.Kind == DecisionKind.Migrate).JobId);
    }

    [Fact]
    public void Migrate_GainBelowTheCostOfMoving_StaysPut()
    {
        var step = Run(new RebalancePolicy(),
            TestSignals.Of("dc1", free: 30, jobs: [new JobShare("j", 1)]),
            TestSignals.Of("dc2", free: 100));

        Assert.DoesNotContain(step.Decisions, d => d.Kind == DecisionKind.Migrate);
    }

    [Fact]
    public void UnhealthyNode_IsDrained_ThenUndrainedAfterItStaysClean()
    {
        var policy = new RebalancePolicy { DrainUnhealthyGpus = 1, EvacuateUnhealthyGpus = 0 };
        var drain = Run(policy, TestSignals.Of("dc1", nodeSignals: TestSignals.Unhealthy("dc1", 1)));
        _time.Advance(TimeSpan.FromSeconds(10));
        var stillBad = Run(policy, TestSignals.Of("dc1", nodeSignals: [new NodeSignal("dc1/n0000", 1, true, true)]));
        _time.Advance(TimeSpan.FromSeconds(10));
        var clean = Run(policy, TestSignals.Of("dc1", nodeSignals: [new NodeSignal("dc1/n0000", 0, true, true)]));
        _time.Advance(TimeSpan.FromSeconds(policy.UndrainAfterSeconds));
        var undrain = Run(policy, TestSignals.Of("dc1", nodeSignals: [new NodeSignal("dc1/n0000", 0, true, true)]));

        Assert.Equal("dc1/n0000", Assert.Single(drain.Decisions, d => d.Kind == DecisionKind.Drain).Node);
        Assert.Empty(stillBad.Decisions);
        Assert.Empty(clean.Decisions);
        Assert.Equal("dc1/n0000", Assert.Single(undrain.Decisions, d => d.Kind == DecisionKind.Undrain).Node);
    }

    [Fact]
    public void Breaker_HalfTheNodesUnhealthyWithinTheWindow_StopsDrainingAndAlerts()
    {
        var policy = new RebalancePolicy { MaxMovesPerInterval = 100, DrainUnhealthyGpus = 1, EvacuateUnhealthyGpus = 0 };
        var first = Run(policy, TestSignals.Of("dc1", nodes: 10, nodeSignals: TestSignals.Unhealthy("dc1", 2)));
        _time.Advance(TimeSpan.FromSeconds(60));
        var storm = Run(policy, TestSignals.Of("dc1", nodes: 10, nodeSignals: TestSignals.Unhealthy("dc1", 6)));

        Assert.Equal(2, first.Decisions.Count(d => d.Kind == DecisionKind.Drain));
        Assert.DoesNotContain(storm.Decisions, d => d.Kind == DecisionKind.Drain);
        var alert = Assert.Single(storm.Alerts);
        Assert.True(alert.Active);
        Assert.Equal("breaker", alert.Kind);
        Assert.True(_memory.Of("dc1").BreakerOpen);

        // Past the window the nodes are still unhealthy: the breaker stays open until they are reset.
        _time.Advance(TimeSpan.FromSeconds(policy.BreakerWindowSeconds + 1));
        var stillBroken = Run(policy, TestSignals.Of("dc1", nodes: 10, nodeSignals: TestSignals.Unhealthy("dc1", 6)));
        Assert.Empty(stillBroken.Alerts);
        Assert.Empty(stillBroken.Decisions);

        _time.Advance(TimeSpan.FromSeconds(10));
        var reset = Run(policy, TestSignals.Of("dc1", nodes: 10, nodeSignals: TestSignals.Unhealthy("dc1", 3)));
        Assert.False(Assert.Single(reset.Alerts).Active);
        Assert.Equal("dc1/n0002", Assert.Single(reset.Decisions, d => d.Kind == DecisionKind.Drain).Node);
    }

    [Fact]
    public void DarkDataCenter_GetsWeightZeroAtOnceAndAnAlert()
    {
        var step = Run(new RebalancePolicy(), TestSignals.Of("dc1", offline: 800, free: 0, reportingNodes: 0), TestSignals.Of("dc2"));

        Assert.Equal(0, step.Weights["dc1"]);
        Assert.Equal("dark", Assert.Single(step.Alerts).Kind);
        Assert.Single(step.Decisions, d => d.Kind == DecisionKind.Shift && d.From == "dc1");
    }

    [Fact]
    public void DryRun_DecidesTheSameAndMarksIt()
    {
        var policy = new RebalancePolicy { DryRun = true, DrainUnhealthyGpus = 1 };
        var step = Run(policy, TestSignals.Of("dc1", nodeSignals: TestSignals.Unhealthy("dc1", 1)));
        _time.Advance(TimeSpan.FromSeconds(10));
        var again = Run(policy, TestSignals.Of("dc1", nodeSignals: TestSignals.Unhealthy("dc1", 1)));

        Assert.True(Assert.Single(step.Decisions).DryRun);
        Assert.Empty(again.Decisions);
    }

    // A data center turns hot or degraded only when the condition holds at two intervals in a row: the step of the second.
    private RebalanceStep Settled(RebalancePolicy policy, params DataCenterSignals[] signals)
    {
        Run(policy, signals);
        _time.Advance(TimeSpan.FromSeconds(10));
        return Run(policy, signals);
    }

    private RebalanceStep Run(RebalancePolicy policy, params DataCenterSignals[] signals) =>
        Rebalancer.Evaluate(signals, policy, _memory, job => _tenants.GetValueOrDefault(job), _time.GetUtcNow());
}
