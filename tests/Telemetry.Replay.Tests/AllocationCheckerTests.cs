using Telemetry.Replay.Engines;
using Telemetry.Replay.Fleet;

namespace Telemetry.Replay.Tests;

public sealed class AllocationCheckerTests
{
    [Fact]
    public void OnStart_TwoShapesOverfillingAGpu_CountsADoubleAllocation()
    {
        var fleet = new ReplayFleet(Traces.Nodes(2), 1, "x-");
        var checker = new AllocationChecker(TenantPlan.None);

        checker.OnStart(new ReplayTask("a", Traces.Task("a", 1, 600), null), new Placement(fleet.Nodes[0], [new GpuShare(0, 600)]), fleet);
        checker.OnStart(new ReplayTask("b", Traces.Task("b", 1, 500), null), new Placement(fleet.Nodes[0], [new GpuShare(0, 500)]), fleet);

        Assert.Equal(1, checker.DoubleAllocations);
    }

    [Fact]
    public void OnStart_WholeGpuOnASharedGpu_CountsADoubleAllocation()
    {
        var fleet = new ReplayFleet(Traces.Nodes(2), 1, "x-");
        var checker = new AllocationChecker(TenantPlan.None);

        checker.OnStart(new ReplayTask("a", Traces.Task("a", 1, 100), null), new Placement(fleet.Nodes[0], [new GpuShare(1, 100)]), fleet);
        checker.OnStart(new ReplayTask("b", Traces.Task("b", 2), null), new Placement(fleet.Nodes[0], [new GpuShare(0, 1000), new GpuShare(1, 1000)]), fleet);

        Assert.Equal(1, checker.DoubleAllocations);
    }

    [Fact]
    public void OnStop_FreesTheLedger()
    {
        var fleet = new ReplayFleet(Traces.Nodes(1), 1, "x-");
        var checker = new AllocationChecker(TenantPlan.None);
        var whole = new Placement(fleet.Nodes[0], [new GpuShare(0, 1000)]);

        checker.OnStart(new ReplayTask("a", Traces.Task("a", 1), null), whole, fleet);
        checker.OnStop("a");
        checker.OnStart(new ReplayTask("b", Traces.Task("b", 1), null), whole, fleet);

        Assert.Equal(0, checker.DoubleAllocations);
    }

    [Fact]
    public void OnStart_WrongModelTenantOrDrainedNode_CountsViolations()
    {
        var tenants = new TenantPlan([new TenantSpec("uni-a", 1, ["x-dc2"])]);
        var fleet = new ReplayFleet(Traces.Nodes((1, "T4"), (1, "T4"), (1, "T4")), 1, "x-");
        fleet.Nodes[2].Drained = true;
        var checker = new AllocationChecker(tenants);

        checker.OnStart(new ReplayTask("a", Traces.Task("a", 1, 1000, null, null, "A10"), null), new Placement(fleet.Nodes[0], [new GpuShare(0, 1000)]), fleet);
        checker.OnStart(new ReplayTask("b", Traces.Task("b", 1), "uni-a"), new Placement(fleet.Nodes[1], [new GpuShare(0, 1000)]), fleet);
        checker.OnStart(new ReplayTask("c", Traces.Task("c", 1), null), new Placement(fleet.Nodes[2], [new GpuShare(0, 1000)]), fleet);

        Assert.Equal(3, checker.ConstraintViolations);
        Assert.Equal(1, checker.StartsOnDrainedNodes);
        Assert.Equal(0, checker.DoubleAllocations);
    }

    [Fact]
    public void OnStart_WrongShape_CountsAViolation()
    {
        var fleet = new ReplayFleet(Traces.Nodes(2), 1, "x-");
        var checker = new AllocationChecker(TenantPlan.None);

        checker.OnStart(new ReplayTask("a", Traces.Task("a", 2), null), new Placement(fleet.Nodes[0], [new GpuShare(0, 1000)]), fleet);

        Assert.Equal(1, checker.ConstraintViolations);
    }
}
