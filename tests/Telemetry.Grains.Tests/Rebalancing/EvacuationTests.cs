using Microsoft.Extensions.Time.Testing;
using Telemetry.Grains.Rebalancing;
using Telemetry.Rebalancing;
using Telemetry.State;

namespace Telemetry.Grains.Tests.Rebalancing;

public sealed class EvacuationTests
{
    private const string Node = "dc1/n0000";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 1, 0, 0, TimeSpan.Zero));
    private readonly RebalancerMemory _memory = new();
    private readonly Dictionary<string, string> _tenants = new(StringComparer.Ordinal);
    private readonly RebalancePolicy _policy = new();

    [Fact]
    public void FirstFailedGpu_DrainsTheNode_MovesItsJobsToTheRoomiest_ThenReopensIt()
    {
        var struck = Step(Failed(1, drained: false, "j-1", "j-2"), dc2Free: 400);
        var moving = Step(Failed(1, drained: true, "j-2"), dc2Free: 399);
        var empty = Step(Failed(1, drained: true), dc2Free: 398);

        Assert.Equal(Node, Assert.Single(struck.Decisions, d => d.Kind == DecisionKind.Drain).Node);
        var moves = struck.Decisions.Where(d => d.Kind == DecisionKind.Migrate).ToArray();
        Assert.Equal(["j-1", "j-2"], moves.Select(m => m.JobId));
        Assert.All(moves, m => Assert.Equal((Node, "dc1", "dc2"), (m.Node, m.From, m.To)));

        // j-2 was proposed once already: it is not proposed again while the scheduler moves it.
        Assert.Empty(moving.Decisions);
        Assert.Equal(Node, Assert.Single(empty.Decisions, d => d.Kind == DecisionKind.Undrain).Node);
    }

    [Fact]
    public void WorkStartedAfterTheFault_IsNotMoved_AndTheNodeIsNotDrainedAgain()
    {
        Step(Failed(1, drained: false, "j-1"));
        Step(Failed(1, drained: true));

        var later = Step(Failed(1, drained: false, "j-new"));

        Assert.Empty(later.Decisions);
    }

    [Fact]
    public void NodeWithNoJobs_IsNeitherDrainedNorUndrained()
    {
        var struck = Step(Failed(1, drained: false));
        var later = Step(Failed(1, drained: false, "j-new"));

        Assert.Empty(struck.Decisions);
        Assert.Empty(later.Decisions);
    }

    [Fact]
    public void FaultsClusteringWhileEvacuating_KeepTheDrainUntilTheRepair()
    {
        var clusteredGpus = _policy.DrainUnhealthyGpus;
        Step(Failed(1, drained: false, "j-1"));
        var clustered = Step(Failed(clusteredGpus, drained: true));
        var stillBad = Step(Failed(clusteredGpus, drained: true));
        var repaired = Step(Failed(0, drained: true));
        _time.Advance(TimeSpan.FromSeconds(_policy.UndrainAfterSeconds));
        var clean = Step(Failed(0, drained: true));

        Assert.Empty(clustered.Decisions);
        Assert.Empty(stillBad.Decisions);
        Assert.Empty(repaired.Decisions);
        Assert.Equal(Node, Assert.Single(clean.Decisions, d => d.Kind == DecisionKind.Undrain).Node);
    }

    [Fact]
    public void RepairedBeforeItsJobsMoved_IsUndrained_AndANewFaultEvacuatesAgain()
    {
        Step(Failed(1, drained: false, "j-1"));
        var repaired = Step(Failed(0, drained: true, "j-1"));
        var again = Step(Failed(1, drained: false, "j-1", "j-3"));

        Assert.Equal(Node, Assert.Single(repaired.Decisions, d => d.Kind == DecisionKind.Undrain).Node);
        Assert.Single(again.Decisions, d => d.Kind == DecisionKind.Drain);
        Assert.Equal(["j-1", "j-3"], again.Decisions.Where(d => d.Kind == DecisionKind.Migrate).Select(d => d.JobId));
    }

    [Fact]
    public void JobOfATenantBoundToItsDataCenter_MovesWithinIt()
    {
        _tenants["j-1"] = "uni-a";
        var policy = _policy with { TenantDataCenters = new Dictionary<string, string[]> { ["uni-a"] = ["dc1"] } };

        var step = Step(Failed(1, drained: false, "j-1"), dc1Free: 400, policy: policy);

        var move = Assert.Single(step.Decisions, d => d.Kind == DecisionKind.Migrate);
        Assert.Equal(("dc1", "uni-a"), (move.To, move.Tenant));
    }

    [Fact]
    public void FleetWithNoRoomBeyondTheHotReserve_MovesNothing_UntilRoomFreesUp()
    {
        // 12.5 % free in each data center, below hotExitFreeShare (15 %): a restart now would cost the queue.
        var full = Step(Failed(1, drained: false, "j-1"), dc1Free: 100, dc2Free: 100);
        var roomy = Step(Failed(1, drained: false, "j-1"), dc1Free: 100, dc2Free: 200);

        Assert.Empty(full.Decisions);
        Assert.Equal([DecisionKind.Drain, DecisionKind.Migrate], roomy.Decisions.Select(d => d.Kind));
    }

    [Fact]
    public void DataCenterThatTurnedAwayWorkLately_TakesNoMove_UntilTheWindowPasses()
    {
        var turnedAway = _time.GetUtcNow();
        DataCenterSignals[] Signals(NodeSignal node) =>
            [TestSignals.Of("dc1", free: 100, nodeSignals: [node]), TestSignals.Of("dc2", free: 400, workTurnedAwayAt: turnedAway)];

        var waiting = Rebalancer.Evaluate(Signals(Failed(1, drained: false, "j-1")), _policy, _memory, _ => null, _time.GetUtcNow());
        _time.Advance(TimeSpan.FromSeconds(_policy.TurnedAwayWindowSeconds + 1));
        var later = Rebalancer.Evaluate(Signals(Failed(1, drained: false, "j-1")), _policy, _memory, _ => null, _time.GetUtcNow());

        // dc1 has no room beyond its reserve, dc2 has room but work waits for it: nothing moves, and the node is not drained.
        Assert.Empty(waiting.Decisions);
        Assert.Equal([DecisionKind.Drain, DecisionKind.Migrate], later.Decisions.Select(d => d.Kind));
        Assert.Equal("dc2", later.Decisions[1].To);
    }

    [Fact]
    public void WorkTurnedAwayThatIsLargerThanTheJob_DoesNotHoldItsMoveBack()
    {
        // dc2 could not fit an 8-GPU placement: a 1-GPU job moved in takes no room that work needs.
        var step = Rebalancer.Evaluate(
            [TestSignals.Of("dc1", free: 100, nodeSignals: [Failed(1, drained: false, "j-1")]), TestSignals.Of("dc2", free: 400, workTurnedAwayAt: _time.GetUtcNow(), turnedAwayGpus: 8)],
            _policy, _memory, _ => null, _time.GetUtcNow());

        Assert.Equal("dc2", Assert.Single(step.Decisions, d => d.Kind == DecisionKind.Migrate).To);
    }

    [Fact]
    public void JobWithNoRoomAnywhere_Stays_AndTheNodeReopensOnceTheOthersLeft()
    {
        NodeSignal WithBigJob(bool drained, params string[] jobs) =>
            Failed(1, drained, jobs) with { Jobs = [.. Failed(1, drained, jobs).Jobs, new JobShare("j-big", 500)] };

        var struck = Step(WithBigJob(false, "j-1"));
        var reopened = Step(WithBigJob(true));

        Assert.Equal(["j-1"], struck.Decisions.Where(d => d.Kind == DecisionKind.Migrate).Select(d => d.JobId));
        Assert.Equal(Node, Assert.Single(reopened.Decisions, d => d.Kind == DecisionKind.Undrain).Node);
    }

    [Fact]
    public void OnlyJobsThatRanLongEnough_Move()
    {
        var now = _time.GetUtcNow();
        var minAge = TimeSpan.FromSeconds(_policy.EvacuateMinJobAgeSeconds);
        var old = new JobShare("j-old", 1) { Since = now - minAge };
        var young = new JobShare("j-young", 1) { Since = now - minAge + TimeSpan.FromSeconds(1) };

        var step = Step(new NodeSignal(Node, 1, false, true) { Jobs = [old, young] });

        Assert.Equal([DecisionKind.Drain, DecisionKind.Migrate], step.Decisions.Select(d => d.Kind));
        Assert.Equal("j-old", step.Decisions[1].JobId);
    }

    [Fact]
    public void NodeOfYoungJobsOnly_IsNotDrained_NorAreThoseJobsMovedLater()
    {
        // Judged once, at the fault, like work that starts on the node later: by the time it has run long enough, most
        // of the repair window the move would have guarded is gone.
        var struckNode = new NodeSignal(Node, 1, false, true) { Jobs = [new JobShare("j-new", 1) { Since = _time.GetUtcNow() }] };

        var struck = Step(struckNode);
        _time.Advance(TimeSpan.FromSeconds(_policy.EvacuateMinJobAgeSeconds));
        var later = Step(struckNode);

        Assert.Empty(struck.Decisions);
        Assert.Empty(later.Decisions);
    }

    [Fact]
    public void MinimumAgeZero_MovesEveryJob()
    {
        var policy = _policy with { EvacuateMinJobAgeSeconds = 0 };
        var justStarted = new JobShare("j-1", 1) { Since = _time.GetUtcNow() };

        var step = Step(new NodeSignal(Node, 1, false, true) { Jobs = [justStarted] }, policy: policy);

        Assert.Equal("j-1", Assert.Single(step.Decisions, d => d.Kind == DecisionKind.Migrate).JobId);
    }

    [Fact]
    public void EvacuationOff_LeavesTheJobs_AndDrainsOnlyAtTheDrainThreshold()
    {
        var policy = _policy with { EvacuateUnhealthyGpus = 0 };

        var one = Step(Failed(1, drained: false, "j-1"), policy: policy);
        var clustered = Step(Failed(policy.DrainUnhealthyGpus, drained: false, "j-1"), policy: policy);

        Assert.Empty(one.Decisions);
        Assert.Equal([DecisionKind.Drain], clustered.Decisions.Select(d => d.Kind));
    }

    private static NodeSignal Failed(int unhealthy, bool drained, params string[] jobs) =>
        new(Node, unhealthy, drained, true) { Jobs = [.. jobs.Select(j => new JobShare(j, 1))] };

    private RebalanceStep Step(NodeSignal node, int dc1Free = 100, int dc2Free = 400, RebalancePolicy? policy = null)
    {
        // Both data centers equally busy in share terms, so nothing shifts or migrates for pressure.
        var step = Rebalancer.Evaluate(
            [TestSignals.Of("dc1", free: dc1Free, nodeSignals: node.UnhealthyGpus > 0 || node.Drained ? [node] : []), TestSignals.Of("dc2", free: dc2Free)],
            policy ?? _policy, _memory, job => _tenants.GetValueOrDefault(job), _time.GetUtcNow());
        _time.Advance(TimeSpan.FromSeconds(10));
        return step;
    }
}
