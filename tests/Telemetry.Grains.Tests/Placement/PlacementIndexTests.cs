using Telemetry.Grains.Placement;
using Telemetry.Placement;

namespace Telemetry.Grains.Tests.Placement;

public sealed class PlacementIndexTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Find_NodeLeftWithOneFreeGpu_RanksBelowNodeTheJobFills()
    {
        var index = new PlacementIndex("dc1");
        index.Update(TestNodes.Summary("dc1/leaves-one", free: 3, headroom: 1.0), Now);
        index.Update(TestNodes.Summary("dc1/filled", free: 2, headroom: 0.0), Now);

        var match = index.Find(Query(gpus: 2, candidates: 2), 1, Now);

        Assert.Equal(["dc1/filled", "dc1/leaves-one"], match.Candidates.Select(c => c.Nodes[0].Node));
        Assert.Contains("fills the node", match.Candidates[0].Why, StringComparison.Ordinal);
        Assert.Contains("leaves one GPU free", match.Candidates[1].Why, StringComparison.Ordinal);
        Assert.Contains("fragmentation -1 GPUs", match.Candidates[0].Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_PrefersPackingOverAnEmptyNode_ThenHeadroomAmongEquals()
    {
        var index = new PlacementIndex("dc1");
        index.Update(TestNodes.Summary("dc1/empty", free: 8, headroom: 1.0), Now);
        index.Update(TestNodes.Summary("dc1/half-hot", free: 4, headroom: 0.1), Now);
        index.Update(TestNodes.Summary("dc1/half-cool", free: 4, headroom: 0.9), Now);

        var match = index.Find(Query(gpus: 4, candidates: 3), 1, Now);

        Assert.Equal(["dc1/half-cool", "dc1/half-hot", "dc1/empty"], match.Candidates.Select(c => c.Nodes[0].Node));
    }

    [Fact]
    public void Find_OffersOnlyUndrainedReportingNodesOfTheModelWithEnoughMemory()
    {
        var index = new PlacementIndex("dc1");
        index.Update(TestNodes.Summary("dc1/drained", free: 8, drained: true), Now);
        index.Update(TestNodes.Summary("dc1/h200", free: 8, model: "NVIDIA H200"), Now);
        index.Update(TestNodes.Summary("dc1/full-memory", free: 8, freeMemoryMib: 10_000), Now);
        index.Update(TestNodes.Summary("dc1/silent", free: 8), Now - DataCenterAggregate.StaleAfter - TimeSpan.FromSeconds(1));
        index.Update(TestNodes.Summary("dc1/good", free: 8), Now);

        var match = index.Find(Query(gpus: 1, candidates: 10, model: "nvidia b200", minFreeMemoryMib: 50_000), 1, Now);

        Assert.Equal("dc1/good", Assert.Single(match.Candidates).Nodes[0].Node);
    }

    [Fact]
    public void Find_NothingFits_SaysWhatIsFree()
    {
        var index = new PlacementIndex("dc1");
        index.Update(TestNodes.Summary("dc1/a", free: 3), Now);
        index.Update(TestNodes.Summary("dc1/b", free: 2), Now);

        var match = index.Find(Query(gpus: 4, candidates: 3), 1, Now);

        Assert.Empty(match.Candidates);
        Assert.Equal(5, match.EligibleFreeGpus);
        Assert.Equal(3, match.MostFreeOnOneNode);
    }

    [Fact]
    public void Find_Spread_TakesWholeNodesThenTheBestFitForTheRest()
    {
        var index = new PlacementIndex("dc1");
        index.Update(TestNodes.Summary("dc1/w1", free: 8), Now);
        index.Update(TestNodes.Summary("dc1/w2", free: 8), Now);
        index.Update(TestNodes.Summary("dc1/p3", free: 3), Now);
        index.Update(TestNodes.Summary("dc1/p5", free: 5), Now);

        var match = index.Find(new PlacementQuery(new PlacementRequest { Gpus = 19 }, SingleNode: false, Candidates: 3), 1, Now);

        var nodes = Assert.Single(match.Candidates).Nodes;
        Assert.Equal(["dc1/p3", "dc1/w1", "dc1/w2"], nodes.Select(n => n.Node).Order(StringComparer.Ordinal));
        Assert.Equal(19, nodes.Sum(n => n.Gpus.Length));
    }

    [Fact]
    public void Find_AtAdmissionWeightZero_OffersNothing()
    {
        var index = new PlacementIndex("dc1");
        index.Update(TestNodes.Summary("dc1/a", free: 8), Now);

        Assert.Empty(index.Find(Query(gpus: 1, candidates: 3), 0, Now).Candidates);
    }

    [Fact]
    public void Update_MovesANodeBetweenBuckets()
    {
        var index = new PlacementIndex("dc1");
        index.Update(TestNodes.Summary("dc1/a", free: 8), Now);
        index.Update(TestNodes.Summary("dc1/a", free: 1), Now);

        Assert.Empty(index.Find(Query(gpus: 2, candidates: 3), 1, Now).Candidates);
        Assert.Single(index.Find(Query(gpus: 1, candidates: 3), 1, Now).Candidates);
    }

    private static PlacementQuery Query(int gpus, int candidates, string? model = null, double minFreeMemoryMib = 0) =>
        new(new PlacementRequest { Gpus = gpus, Model = model, MinFreeMemoryMib = minFreeMemoryMib }, SingleNode: true, candidates);
}
