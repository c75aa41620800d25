using Telemetry.Replay.Engines;
using Telemetry.Replay.Fleet;
using Telemetry.Replay.Policies;

namespace Telemetry.Replay.Tests;

public sealed class DecisionTests
{
    private static ReplayTask Task(string id, int gpus = 1) => new(id, Traces.Task(id, gpus), null);

    [Fact]
    public async Task Drain_NodeTakesNoNewTask_AndIsAcknowledged()
    {
        var fleet = new ReplayFleet(Traces.Nodes(2, 2), 1, "x-");
        var link = new FakeLink();
        link.Add(new ReplayDecision("d1", "drain", null, null, "x-dc1/x-n0", null, null));
        var run = Traces.Run(fleet, Traces.Policy(PolicyNames.FirstFit), link: link, rebalance: true);

        await run.ActOnDecisionsAsync(null, default);
        var placement = await run.TryStartAsync(Task("a"), null, default);

        Assert.True(fleet.Nodes[0].Drained);
        Assert.Equal("x-n1", placement!.Node.Host);
        Assert.Equal(new[] { "d1" }, link.Acknowledged);
    }

    [Fact]
    public async Task Undrain_NodeTakesTasksAgain()
    {
        var fleet = new ReplayFleet(Traces.Nodes(2, 2), 1, "x-");
        var link = new FakeLink();
        link.Add(new ReplayDecision("d1", "drain", null, null, "x-dc1/x-n0", null, null));
        link.Add(new ReplayDecision("d2", "undrain", null, null, "x-dc1/x-n0", null, null));
        var run = Traces.Run(fleet, Traces.Policy(PolicyNames.FirstFit), link: link, rebalance: true);

        await run.ActOnDecisionsAsync(null, default);

        Assert.False(fleet.Nodes[0].Drained);
        Assert.Equal("x-n0", (await run.TryStartAsync(Task("a"), null, default))!.Node.Host);
    }

    [Fact]
    public async Task Shift_SteersNewTasksAway()
    {
        var fleet = new ReplayFleet(Traces.Nodes(2, 2), 2, "x-");
        var link = new FakeLink();
        link.Add(new ReplayDecision("s1", "shift", "x-dc1", "x-dc2", null, null, 0.25));
        var run = Traces.Run(fleet, Traces.Policy(PolicyNames.FirstFit), link: link, rebalance: true);

        await run.ActOnDecisionsAsync(null, default);

        Assert.Equal("x-dc2", (await run.TryStartAsync(Task("a"), null, default))!.Node.DataCenter);
        Assert.Equal(0.25, fleet.AdmissionWeight("x-dc1"));
    }

    [Fact]
    public async Task Decisions_RebalanceOff_AreNotActedOn()
    {
        var fleet = new ReplayFleet(Traces.Nodes(2, 2), 1, "x-");
        var link = new FakeLink();
        link.Add(new ReplayDecision("d1", "drain", null, null, "x-dc1/x-n0", null, null));
        var run = Traces.Run(fleet, Traces.Policy(PolicyNames.FirstFit), link: link, rebalance: false);

        await run.ActOnDecisionsAsync(null, default);

        Assert.False(fleet.Nodes[0].Drained);
        Assert.Empty(link.Acknowledged);
    }

    [Fact]
    public async Task Decisions_OfAnotherRunsFleet_AreLeftAlone()
    {
        var fleet = new ReplayFleet(Traces.Nodes(2), 1, "x-");
        var link = new FakeLink();
        link.Add(new ReplayDecision("d1", "drain", null, null, "y-dc1/y-n0", null, null));
        link.Add(new ReplayDecision("s1", "shift", "y-dc1", null, null, null, 0));
        var run = Traces.Run(fleet, Traces.Policy(PolicyNames.FirstFit), link: link, rebalance: true);

        await run.ActOnDecisionsAsync(null, default);

        Assert.Empty(link.Acknowledged);
        Assert.Equal(1, fleet.AdmissionWeight("x-dc1"));
    }

    [Fact]
    public async Task Migrate_MovesTheTaskToTheTarget_AndAcknowledges()
    {
        var fleet = new ReplayFleet(Traces.Nodes(2, 2), 2, "x-");
        var link = new FakeLink();
        var run = Traces.Run(fleet, Traces.Policy(PolicyNames.FirstFit), link: link, rebalance: true);
        await run.TryStartAsync(Task("job-1"), null, default);
        link.Add(new ReplayDecision("m1", "migrate", "x-dc1", "x-dc2", null, "x-job-1", null));
        Placement? movedTo = null;

        await run.ActOnDecisionsAsync((_, _, to) => { movedTo = to; return ValueTask.CompletedTask; }, default);

        Assert.Equal("x-dc2", fleet.Running["job-1"].Node.DataCenter);
        Assert.Equal("x-dc2", movedTo!.Node.DataCenter);
        Assert.Equal(1, run.Migrations);
        Assert.Equal(new[] { "m1" }, link.Acknowledged);
        Assert.Equal(new[] { "job-1@x-dc1/x-n0" }, link.Stopped);
    }

    [Fact]
    public async Task Migrate_JobOfAnotherRun_IsLeftAlone()
    {
        var fleet = new ReplayFleet(Traces.Nodes(2, 2), 2, "x-");
        var link = new FakeLink();
        var run = Traces.Run(fleet, Traces.Policy(PolicyNames.FirstFit), link: link, rebalance: true);
        await run.TryStartAsync(Task("job-1"), null, default);
        link.Add(new ReplayDecision("m1", "migrate", "y-dc1", "y-dc2", null, "y-job-1", null));

        await run.ActOnDecisionsAsync((_, _, _) => ValueTask.CompletedTask, default);

        Assert.Equal("x-dc1", fleet.Running["job-1"].Node.DataCenter);
        Assert.Empty(link.Acknowledged);
    }

    [Fact]
    public async Task Migrate_TargetFull_TaskStaysAndIsNotAcknowledged()
    {
        var fleet = new ReplayFleet(Traces.Nodes(2, 1), 2, "x-");
        var run = Traces.Run(fleet, Traces.Policy(PolicyNames.FirstFit), link: new FakeLink(), rebalance: true);
        var link = (FakeLink)run.Link;
        await run.TryStartAsync(Task("job-1", 2), null, default);
        link.Add(new ReplayDecision("m1", "migrate", "x-dc1", "x-dc2", null, "x-job-1", null));

        await run.ActOnDecisionsAsync((_, _, _) => ValueTask.CompletedTask, default);

        Assert.Equal("x-dc1", fleet.Running["job-1"].Node.DataCenter);
        Assert.Equal(0, run.Migrations);
        Assert.Empty(link.Acknowledged);
    }

    [Fact]
    public async Task Migrate_OffANode_MayStayInItsDataCenter_OnAnotherNode()
    {
        var fleet = new ReplayFleet(Traces.Nodes(2, 2), 1, "x-");
        var link = new FakeLink();
        var run = Traces.Run(fleet, Traces.Policy(PolicyNames.FirstFit), link: link, rebalance: true);
        await run.TryStartAsync(Task("job-1"), null, default);
        link.Add(new ReplayDecision("d1", "drain", null, null, "x-dc1/x-n0", null, null));
        link.Add(new ReplayDecision("m1", "migrate", "x-dc1", "x-dc1", "x-dc1/x-n0", "x-job-1", null));

        await run.ActOnDecisionsAsync((_, _, _) => ValueTask.CompletedTask, default);

        Assert.Equal("x-n1", fleet.Running["job-1"].Node.Host);
        Assert.Equal(1, run.Migrations);
        Assert.Equal(new[] { "d1", "m1" }, link.Acknowledged);
    }

    [Fact]
    public async Task Migrate_OffANodeWithNoRoomElsewhere_TaskKeepsRunningThere()
    {
        // Every GPU is taken: no move, and the task runs on where it is.
        var fleet = new ReplayFleet(Traces.Nodes(2, 1), 1, "x-");
        var link = new FakeLink();
        var run = Traces.Run(fleet, Traces.Policy(PolicyNames.FirstFit), link: link, rebalance: true);
        await run.TryStartAsync(Task("job-1"), null, default);
        await run.TryStartAsync(Task("job-2", 1), "x-dc1", default);
        await run.TryStartAsync(Task("job-3", 1), "x-dc1", default);
        link.Add(new ReplayDecision("m1", "migrate", "x-dc1", "x-dc1", "x-dc1/x-n0", "x-job-1", null));

        await run.ActOnDecisionsAsync((_, _, _) => ValueTask.CompletedTask, default);

        Assert.Equal("x-n0", fleet.Running["job-1"].Node.Host);
        Assert.Equal(0, run.Migrations);
        Assert.Empty(link.Acknowledged);
        Assert.Empty(link.Stopped);
    }

    [Fact]
    public async Task Migrate_OffANodeTheTaskHasLeft_IsNotActedOn()
    {
        var fleet = new ReplayFleet(Traces.Nodes(2, 2), 1, "x-");
        var link = new FakeLink();
        var run = Traces.Run(fleet, Traces.Policy(PolicyNames.FirstFit), link: link, rebalance: true);
        await run.TryStartAsync(Task("job-1"), null, default);
        link.Add(new ReplayDecision("m1", "migrate", "x-dc1", "x-dc1", "x-dc1/x-n1", "x-job-1", null));

        await run.ActOnDecisionsAsync((_, _, _) => ValueTask.CompletedTask, default);

        Assert.Equal("x-n0", fleet.Running["job-1"].Node.Host);
        Assert.Empty(link.Acknowledged);
    }

    [Fact]
    public async Task Timeline_DrainArrivingMidRun_NoLaterTaskStartsThere()
    {
        // The first poll, before the first arrival, drains node 0: every task starts on node 1.
        var fleet = new ReplayFleet(Traces.Nodes(4, 4), 1, "x-");
        var link = new FakeLink { BeforePoll = l => l.Add(new ReplayDecision($"d{l.Acknowledged.Count}", "drain", null, null, "x-dc1/x-n0", null, null)) };
        var run = Traces.Run(fleet, Traces.Policy(PolicyNames.FirstFit), link: link, rebalance: true);
        var trace = Enumerable.Range(0, 30).Select(i => Traces.Task($"t{i}", 1, 1000, i * 10, (i * 10) + 15)).ToArray();

        var result = await new TimelineEngine(run, new StepClock(), FaultPlan.None).RunAsync(trace, 1, default);

        Assert.Equal(30, link.Started.Count);
        Assert.All(link.Started, s => Assert.DoesNotContain("x-n0", s, StringComparison.Ordinal));
        Assert.Equal(0, result.StartsOnDrainedNodes);
    }

    /// <summary>A clock that polls decisions before every event, as a paced clock does once a second.</summary>
    private sealed class StepClock : ITraceClock
    {
        public async ValueTask WaitUntilAsync(double traceSeconds, Func<ValueTask> meanwhile, CancellationToken cancellationToken) => await meanwhile();

        public double LagSeconds(double traceSeconds) => 0;
    }
}
