using Telemetry.Replay.Engines;
using Telemetry.Replay.Fleet;
using Telemetry.Replay.Policies;

namespace Telemetry.Replay.Tests;

public sealed class PolicyTests
{
    private static ReplayTask Task(int gpus, int milli = 1000, string? tenant = null) => new("t", Traces.Task("t", gpus, milli), tenant);

    [Fact]
    public async Task FirstFit_TwoGpuTask_TakesTheFirstNodeWithRoom()
    {
        var fleet = new ReplayFleet(Traces.Nodes(8, 2), 1, "x-");

        var placement = await Traces.Policy(PolicyNames.FirstFit).PlaceAsync(Task(2), fleet, null, default);

        Assert.Equal("x-n0", placement!.Node.Host);
        Assert.Equal(new[] { 0, 1 }, placement.Shares.Select(s => s.Index));
    }

    [Fact]
    public async Task BestFit_TwoGpuTask_TakesTheNodeItFills()
    {
        var fleet = new ReplayFleet(Traces.Nodes(8, 2), 1, "x-");

        var placement = await Traces.Policy(PolicyNames.BestFit).PlaceAsync(Task(2), fleet, null, default);

        Assert.Equal("x-n1", placement!.Node.Host);
    }

    [Fact]
    public async Task BestFit_Fraction_TakesTheGpuWithLeastRoomThatFits()
    {
        var fleet = new ReplayFleet(Traces.Nodes(3), 1, "x-");
        fleet.Start("a", new Placement(fleet.Nodes[0], [new GpuShare(0, 700)]));
        fleet.Start("b", new Placement(fleet.Nodes[0], [new GpuShare(1, 400)]));

        var placement = await Traces.Policy(PolicyNames.BestFit).PlaceAsync(Task(1, 300), fleet, null, default);

        Assert.Equal(0, placement!.Shares.Single().Index);
    }

    [Fact]
    public async Task Random_SameSeed_SameChoices()
    {
        var fleet = new ReplayFleet(Traces.Nodes(1, 1, 1, 1, 1, 1, 1, 1), 1, "x-");
        var one = Traces.Policy(PolicyNames.Random, seed: 7);
        var two = Traces.Policy(PolicyNames.Random, seed: 7);

        for (var i = 0; i < 5; i++)
        {
            var a = await one.PlaceAsync(Task(1), fleet, null, default);
            var b = await two.PlaceAsync(Task(1), fleet, null, default);
            Assert.Equal(a!.Node.Host, b!.Node.Host);
        }
    }

    [Fact]
    public async Task Random_OnlyNodesThatFit()
    {
        var fleet = new ReplayFleet(Traces.Nodes(1, 4, 1), 1, "x-");
        var policy = Traces.Policy(PolicyNames.Random, seed: 3);

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal("x-n1", (await policy.PlaceAsync(Task(3), fleet, null, default))!.Node.Host);
        }
    }

    [Fact]
    public async Task AnyPolicy_DrainedNodeOrClosedDataCenter_IsSkipped()
    {
        var fleet = new ReplayFleet(Traces.Nodes(2, 2, 2), 3, "x-");
        fleet.Nodes[0].Drained = true;
        fleet.SetAdmissionWeight("x-dc2", 0);

        var placement = await Traces.Policy(PolicyNames.FirstFit).PlaceAsync(Task(1), fleet, null, default);

        Assert.Equal("x-n2", placement!.Node.Host);
    }

    [Fact]
    public async Task AnyPolicy_ReducedAdmissionWeight_IsTriedAfterFullWeight()
    {
        var fleet = new ReplayFleet(Traces.Nodes(2, 2), 2, "x-");
        fleet.SetAdmissionWeight("x-dc1", 0.25);

        var placement = await Traces.Policy(PolicyNames.BestFit).PlaceAsync(Task(1), fleet, null, default);

        Assert.Equal("x-dc2", placement!.Node.DataCenter);
    }

    [Fact]
    public async Task AnyPolicy_TenantDataCenters_AreHonoured()
    {
        var tenants = new TenantPlan([new TenantSpec("uni-a", 1, ["x-dc2"])]);
        var fleet = new ReplayFleet(Traces.Nodes(2, 2, 2, 2), 2, "x-");

        var placement = await Traces.Policy(PolicyNames.FirstFit, tenants).PlaceAsync(Task(1, tenant: "uni-a"), fleet, null, default);

        Assert.Equal("x-dc2", placement!.Node.DataCenter);
    }
}
