using Telemetry.Grains.Placement;
using Telemetry.Placement;

namespace Telemetry.Grains.Tests.Placement;

/// <summary>
/// Scarce models on hand-made nodes: a job that names no model leaves a model's last room to the jobs that name it,
/// while a fleet whose jobs name no model places exactly as the fragmentation score alone does.
/// </summary>
public sealed class ScarcityPlacementTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Find_UnconstrainedJob_AvoidsTheOnlyT4NodeWhileOthersHaveRoom()
    {
        var index = Fleet(LearnedMix(t4Requests: 32));

        var match = index.Find(Whole(1, model: null), 1, Now);

        // Best fit alone would fill the 2-GPU T4 (see the next test); half the recent demand names T4 and it holds 2 of 8 free GPUs.
        Assert.Equal(["dc1/b200", "dc1/t4"], match.Candidates.Select(c => c.Nodes[0].Node));
        Assert.Contains("keeps scarce T4 for the jobs that name it (scarcity 1.00, -40 points)", match.Candidates[1].Why, StringComparison.Ordinal);
        Assert.DoesNotContain("scarce", match.Candidates[0].Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_NoJobNamesAModel_PlacesAsTheFragmentationScoreAlone()
    {
        var mix = LearnedMix(t4Requests: 0);
        var index = Fleet(mix);

        var match = index.Find(Whole(1, model: null), 1, Now);

        Assert.Equal(["dc1/t4", "dc1/b200"], match.Candidates.Select(c => c.Nodes[0].Node));
        Assert.Equal(PlacementScore.Round(PlacementScore.Packing(mix, free: 2, take: 1, size: 2, headroom: 0.5)), match.Candidates[0].Score);
        Assert.Equal(PlacementScore.Round(PlacementScore.Packing(mix, free: 6, take: 1, size: 8, headroom: 0.5)), match.Candidates[1].Score);
        Assert.All(match.Candidates, c => Assert.DoesNotContain("scarce", c.Why, StringComparison.Ordinal));
    }

    [Fact]
    public void Find_JobThatNamesT4_GetsTheT4NodeUnpenalised()
    {
        var mix = LearnedMix(t4Requests: 32);
        var index = Fleet(mix);

        var match = index.Find(Whole(1, model: "T4"), 1, Now);

        var only = Assert.Single(match.Candidates);
        Assert.Equal("dc1/t4", only.Nodes[0].Node);
        Assert.Equal(PlacementScore.Round(PlacementScore.Packing(mix, free: 2, take: 1, size: 2, headroom: 0.5)), only.Score);
    }

    [Fact]
    public void Find_UnconstrainedJob_TakesTheT4WhenNothingElseFits()
    {
        var index = new PlacementIndex("dc1", LearnedMix(t4Requests: 32));
        index.Update(TestNodes.Summary("dc1/t4", free: 2, size: 2, model: "T4"), Now);
        index.Update(TestNodes.Summary("dc1/b200", free: 0), Now);

        var match = index.Find(Whole(1, model: null), 1, Now);

        Assert.Equal("dc1/t4", Assert.Single(match.Candidates).Nodes[0].Node);
    }

    [Fact]
    public void Find_UnconstrainedShare_AvoidsTheScarceModelsSharedGpu()
    {
        var index = new PlacementIndex("dc1", LearnedMix(t4Requests: 32));
        index.Update(TestNodes.Summary("dc1/t4", free: 1, size: 2, model: "T4", sharedUsedMilli: 500), Now);
        index.Update(TestNodes.Summary("dc1/b200", free: 6, size: 8, sharedUsedMilli: 500), Now);

        var match = index.Find(new PlacementQuery(new PlacementRequest { Gpus = 1, GpuMilli = 500 }, SingleNode: true, 1), 1, Now);

        Assert.Equal("dc1/b200", Assert.Single(match.Candidates).Nodes[0].Node);
    }

    [Theory]
    [InlineData(0.0, 2, 8, 0.0)] // nothing names the model
    [InlineData(0.1, 5, 10, 0.0)] // half the free GPUs for a tenth of the demand: plenty
    [InlineData(0.25, 5, 10, 0.0)] // twice its demand's share: still plenty
    [InlineData(0.375, 5, 10, 0.5)] // between: linear
    [InlineData(0.5, 5, 10, 1.0)] // no more room than its demand
    [InlineData(0.2, 0, 10, 1.0)] // nothing free of it
    [InlineData(0.2, 0, 0, 0.0)] // nothing free anywhere: no choice to steer
    public void Scarcity_WeighsNamedDemandAgainstFreeShare(double namedShare, double modelFree, double allFree, double expected) =>
        Assert.Equal(expected, PlacementScore.Scarcity(namedShare, modelFree, allFree), 6);

    // One T4 node with both GPUs free and a B200 node with 6 of 8 free.
    private static PlacementIndex Fleet(WorkloadMix mix)
    {
        var index = new PlacementIndex("dc1", mix);
        index.Update(TestNodes.Summary("dc1/t4", free: 2, size: 2, model: "T4"), Now);
        index.Update(TestNodes.Summary("dc1/b200", free: 6), Now);
        return index;
    }

    // One-GPU jobs only (so fragmentation is the same everywhere), of which t4Requests of one refresh's worth named T4.
    private static WorkloadMix LearnedMix(int t4Requests)
    {
        var mix = new WorkloadMix([(1, null, 1.0)], requests: 1);
        for (var i = 0; i < WorkloadMix.RefreshEvery; i++)
        {
            mix.Observe(new PlacementRequest { Gpus = 1, Model = i < t4Requests ? "T4" : null });
        }

        return mix;
    }

    private static PlacementQuery Whole(int gpus, string? model) =>
        new(new PlacementRequest { Gpus = gpus, Model = model }, SingleNode: true, Candidates: 2);
}
