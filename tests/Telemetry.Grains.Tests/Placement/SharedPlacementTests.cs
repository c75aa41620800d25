using Telemetry.Grains.Placement;
using Telemetry.Placement;

namespace Telemetry.Grains.Tests.Placement;

public sealed class SharedPlacementTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Find_Fraction_GoesToAnAlreadySharedGpuBeforeBreakingAWholeOne()
    {
        var index = new PlacementIndex("dc1");
        index.Update(TestNodes.Summary("dc1/whole", free: 1, headroom: 1.0), Now);
        index.Update(TestNodes.Summary("dc1/shared", free: 0, headroom: 0.0, sharedUsedMilli: 500), Now);

        var match = index.Find(Fraction(250, candidates: 2), 1, Now);

        Assert.Equal(["dc1/shared", "dc1/whole"], match.Candidates.Select(c => c.Nodes[0].Node));
        Assert.Equal([TestNodes.SharedUuid("dc1/shared", 0)], match.Candidates[0].Nodes[0].Gpus);
        Assert.All(match.Candidates, c => Assert.Equal(250, Assert.Single(c.Nodes).GpuMilli));
        Assert.Contains("breaks a whole GPU", match.Candidates[1].Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_Fraction_TakesTheSharedGpuWhoseRemainderTheMixCanStillUse()
    {
        var index = new PlacementIndex("dc1");
        index.Update(TestNodes.Summary("dc1/a", free: 0, sharedUsedMilli: [100, 700]), Now);
        index.Update(TestNodes.Summary("dc1/b", free: 0, sharedUsedMilli: [400, 800]), Now);

        var match = index.Find(Fraction(250, candidates: 10), 1, Now);

        // Free shares 900, 300, 600 fit; 200 (b's second) does not. Under the prior mix (shares of 250 and 500):
        // 300 leaves 50 (0.01 GPUs the quarter shares could not use, less 0.03 it had), 900 leaves 650 (a half fits),
        // 600 leaves 350 (only a quarter fits: 0.035 unusable), so the tightest is best and the loosest beats the middle.
        Assert.Equal(
            [TestNodes.SharedUuid("dc1/a", 1), TestNodes.SharedUuid("dc1/a", 0), TestNodes.SharedUuid("dc1/b", 0)],
            match.Candidates.Select(c => c.Nodes[0].Gpus[0]));
    }

    [Fact]
    public void Find_WholeGpuRequest_NeverGetsASharedGpu()
    {
        var index = new PlacementIndex("dc1");
        index.Update(TestNodes.Summary("dc1/shared-only", free: 0, sharedUsedMilli: [100, 100]), Now);
        index.Update(TestNodes.Summary("dc1/mixed", free: 2, sharedUsedMilli: 10), Now);

        var match = index.Find(new PlacementQuery(new PlacementRequest { Gpus = 2 }, SingleNode: true, 5), 1, Now);

        var node = Assert.Single(Assert.Single(match.Candidates).Nodes);
        Assert.Equal("dc1/mixed", node.Node);
        Assert.DoesNotContain(TestNodes.SharedUuid("dc1/mixed", 0), node.Gpus);
        Assert.Null(node.GpuMilli);
        Assert.Empty(index.Find(new PlacementQuery(new PlacementRequest { Gpus = 3 }, SingleNode: true, 5), 1, Now).Candidates);
    }

    [Fact]
    public void Find_FractionOnADrainedOrFullSharedGpu_BreaksAWholeOneInstead()
    {
        var index = new PlacementIndex("dc1");
        index.Update(TestNodes.Summary("dc1/drained", free: 0, drained: true, sharedUsedMilli: 100), Now);
        index.Update(TestNodes.Summary("dc1/full", free: 0, sharedUsedMilli: 1000), Now);
        index.Update(TestNodes.Summary("dc1/whole", free: 4), Now);

        var match = index.Find(Fraction(100, candidates: 5), 1, Now);

        Assert.Equal("dc1/whole", Assert.Single(match.Candidates).Nodes[0].Node);
    }

    [Fact]
    public void Update_SharedGpuFills_LeavesTheShareIndex()
    {
        var index = new PlacementIndex("dc1");
        index.Update(TestNodes.Summary("dc1/a", free: 0, sharedUsedMilli: 500), Now);
        index.Update(TestNodes.Summary("dc1/a", free: 0, sharedUsedMilli: 900), Now);

        Assert.Empty(index.Find(Fraction(250, candidates: 3), 1, Now).Candidates);
        Assert.Single(index.Find(Fraction(100, candidates: 3), 1, Now).Candidates);
    }

    [Fact]
    public void Find_Spread_NeverMixesModelsUnlessAllowed()
    {
        var index = new PlacementIndex("dc1");
        index.Update(TestNodes.Summary("dc1/b1", free: 8), Now);
        index.Update(TestNodes.Summary("dc1/b2", free: 8), Now);
        index.Update(TestNodes.Summary("dc1/h1", free: 8, model: "NVIDIA H200"), Now);
        index.Update(TestNodes.Summary("dc1/h2", free: 8, model: "NVIDIA H200"), Now);
        index.Update(TestNodes.Summary("dc1/h3", free: 8, model: "NVIDIA H200"), Now);

        var oneModel = index.Find(Spread(new PlacementRequest { Gpus = 24 }), 1, Now);
        var tooBig = index.Find(Spread(new PlacementRequest { Gpus = 32 }), 1, Now);
        var mixed = index.Find(Spread(new PlacementRequest { Gpus = 32, AllowMixedModels = true }), 1, Now);

        Assert.All(Assert.Single(oneModel.Candidates).Nodes, n => Assert.StartsWith("dc1/h", n.Node, StringComparison.Ordinal));
        Assert.Empty(tooBig.Candidates);
        Assert.Equal(24, tooBig.Capacity);
        Assert.Equal(40, mixed.Capacity);
        Assert.Equal(32, Assert.Single(mixed.Candidates).Nodes.Sum(n => n.Gpus.Length));
    }

    private static PlacementQuery Fraction(int milli, int candidates) =>
        new(new PlacementRequest { Gpus = 1, GpuMilli = milli }, SingleNode: true, candidates);

    private static PlacementQuery Spread(PlacementRequest request) => new(request, SingleNode: false, 3);
}
