using Telemetry.Replay.Engines;
using Telemetry.Replay.Fleet;
using Telemetry.Replay.Policies;
using Telemetry.Replay.Trace;

namespace Telemetry.Replay.Tests;

public sealed class TimelineEngineTests
{
    private static Task<Results.PolicyResult> RunAsync(ReplayFleet fleet, TraceTask[] trace, FaultPlan? faults = null, string policy = PolicyNames.FirstFit, int seed = 1) =>
        new TimelineEngine(Traces.Run(fleet, Traces.Policy(policy)), InstantClock.Instance, faults ?? FaultPlan.None).RunAsync(trace, seed, default);

    [Fact]
    public async Task Run_OneGpuTwoTasks_SecondWaitsForTheFirst()
    {
        // a holds the only GPU over [0, 100]; b arrives at 10 and starts at 100: waits 90 s. Waits {0, 90}:
        // p50 0, p95 90. The GPU is busy from 0 to 100, the whole window: 100 %.
        var fleet = new ReplayFleet(Traces.Nodes(1), 1, "ff-");
        TraceTask[] trace = [Traces.Task("a", 1, 1000, 0, 100), Traces.Task("b", 1, 1000, 10, 50)];

        var result = await RunAsync(fleet, trace);

        Assert.Equal(2, result.Placed);
        Assert.Equal(0, result.Queued);
        Assert.Equal(0, result.QueueWaitP50Seconds);
        Assert.Equal(90, result.QueueWaitP95Seconds);
        Assert.Equal(100, result.AllocationPct);
    }

    [Fact]
    public async Task Run_LaterSmallTask_StartsPastALargeOneThatWaits()
    {
        // Two GPUs: a takes one over [0, 100]; b (2 GPUs) waits; c (1 GPU, at 5) starts at once on the free one.
        // At 100 a leaves but c holds a GPU until 105, so b starts at 105: waited 104.
        var fleet = new ReplayFleet(Traces.Nodes(2), 1, "ff-");
        TraceTask[] trace = [Traces.Task("a", 1, 1000, 0, 100), Traces.Task("b", 2, 1000, 1, 200), Traces.Task("c", 1, 1000, 5, 105)];

        var result = await RunAsync(fleet, trace);

        Assert.Equal(3, result.Placed);
        Assert.Equal(104, result.QueueWaitP95Seconds);
    }

    [Fact]
    public async Task Run_TaskNoNodeCanEverHold_IsFailedNotQueued()
    {
        var fleet = new ReplayFleet(Traces.Nodes(2), 1, "ff-");
        TraceTask[] trace = [Traces.Task("a", 4, 1000, 0, 100), Traces.Task("b", 1, 1000, 0, 100)];

        var result = await RunAsync(fleet, trace);

        Assert.Equal(1, result.Failed);
        Assert.Equal(1, result.Placed);

        // b holds one of the two GPUs over the whole window.
        Assert.Equal(50, result.AllocationPct);
    }

    [Fact]
    public async Task Run_StillWaitingAtTheEnd_CountsQueuedWithItsWaitSoFar()
    {
        // a holds the GPU until 1000; b arrives at 400 and is still waiting when the window ends at 900: waited 500 so far.
        var fleet = new ReplayFleet(Traces.Nodes(1), 1, "ff-");
        TraceTask[] trace = [Traces.Task("a", 1, 1000, 0, 1000), Traces.Task("b", 1, 1000, 400, 500)];

        var result = await new TimelineEngine(Traces.Run(fleet, Traces.Policy(PolicyNames.FirstFit)), InstantClock.Instance, FaultPlan.None)
        {
            Window = new TimelineWindow(Until: 900),
        }.RunAsync(trace, 1, default);

        Assert.Equal(1, result.Queued);
        Assert.Equal(1, result.Placed);
        Assert.Equal(500, result.QueueWaitP95Seconds);
    }

    [Fact]
    public async Task Run_Window_StartsLongTasksAtItsStart()
    {
        // Window [50, 150]: a (0–200) arrives at 50; b (10–20) is outside; c (60–160) waits for nothing on 2 GPUs.
        var fleet = new ReplayFleet(Traces.Nodes(2), 1, "ff-");
        TraceTask[] trace = [Traces.Task("a", 1, 1000, 0, 200), Traces.Task("b", 1, 1000, 10, 20), Traces.Task("c", 1, 1000, 60, 160)];

        var result = await new TimelineEngine(Traces.Run(fleet, Traces.Policy(PolicyNames.FirstFit)), InstantClock.Instance, FaultPlan.None)
        {
            Window = new TimelineWindow(50, 150),
        }.RunAsync(trace, 1, default);

        Assert.Equal(2, result.Tasks);
        // a: 100 s of 1 GPU, c: 90 s: 190 of 200 GPU-seconds.
        Assert.Equal(95, result.AllocationPct);
    }

    [Fact]
    public async Task Run_Faults_KillTasksCountTheirLostWorkAndRequeueThem()
    {
        // A high fault rate on a busy fleet: tasks are killed, their work counted lost, and every task ends placed or queued.
        var fleet = new ReplayFleet(Traces.Nodes(8, 8, 8, 8), 2, "ff-");
        var trace = Enumerable.Range(0, 40).Select(i => Traces.Task($"t{i}", 1 + (i % 4), 1000, i * 600, (i * 600) + 36_000)).ToArray();

        var result = await RunAsync(fleet, trace, new FaultPlan(0.01, RepairHours: 2, FollowOnRatePerGpuHour: 0.5), seed: 5);

        Assert.True(result.Faults > 0);
        Assert.True(result.TasksKilledByFaults > 0);
        Assert.True(result.GpuHoursLostToFaults > 0);
        Assert.Equal(40, result.Placed + result.Queued);
        Assert.Equal(0, result.DoubleAllocations);
        Assert.Equal(0, result.ConstraintViolations);
    }

    [Fact]
    public async Task Run_FaultOnTheOnlyGpu_LosesTheWorkSoFar()
    {
        // One GPU, one task over a day, a rate so high the GPU fails within seconds: lost work is at most
        // the time to the fault (one GPU), and the task restarts after the repair (1 h).
        var fleet = new ReplayFleet(Traces.Nodes(1), 1, "ff-");
        TraceTask[] trace = [Traces.Task("a", 1, 1000, 0, 86_400)];

        var result = await RunAsync(fleet, trace, new FaultPlan(1000, RepairHours: 1, FollowOnRatePerGpuHour: 0));

        Assert.True(result.TasksKilledByFaults >= 1);
        Assert.InRange(result.GpuHoursLostToFaults, 0, result.TasksKilledByFaults * 0.01);
    }

    [Fact]
    public async Task Run_SameSeed_SameFigures()
    {
        var trace = Enumerable.Range(0, 60).Select(i => Traces.Task($"t{i}", 1, 200 + (i * 37 % 800), i * 100, (i * 100) + 5000)).ToArray();
        var plan = new FaultPlan(0.05);

        var one = await RunAsync(new ReplayFleet(Traces.Nodes(2, 2), 1, "a-"), trace, plan, PolicyNames.Random, 9);
        var two = await RunAsync(new ReplayFleet(Traces.Nodes(2, 2), 1, "b-"), trace, plan, PolicyNames.Random, 9);

        Assert.Equal(one.GpuHoursLostToFaults, two.GpuHoursLostToFaults);
        Assert.Equal(one.QueueWaitP95Seconds, two.QueueWaitP95Seconds);
        Assert.Equal(one.AllocationPct, two.AllocationPct);
    }
}
