using Telemetry.Grains.Placement;
using Telemetry.Placement;

namespace Telemetry.Grains.Tests.Placement;

/// <summary>The index's choices under hand-made job mixes whose right answers follow from the fragmentation they leave.</summary>
public sealed class MixPlacementTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Find_OneGpuHeavyMix_FillsAPartlyUsedNodeBeforeBreakingAnEmptyOne()
    {
        var index = new PlacementIndex("dc1", new WorkloadMix([(1, null, 0.9), (8, null, 0.1)], requests: 1));
        index.Update(TestNodes.Summary("dc1/empty", free: 8, headroom: 1.0), Now);
        index.Update(TestNodes.Summary("dc1/partly-used", free: 3, headroom: 0.0), Now);

        var match = index.Find(Whole(1, candidates: 2), 1, Now);

        Assert.Equal(["dc1/partly-used", "dc1/empty"], match.Candidates.Select(c => c.Nodes[0].Node));
        Assert.Contains("fragmentation -0.1 GPUs", match.Candidates[0].Why, StringComparison.Ordinal);
        Assert.Contains("fragmentation +0.7 GPUs", match.Candidates[1].Why, StringComparison.Ordinal);
        Assert.Equal(100 + 1, match.Candidates[0].Score, 2);
        Assert.Equal(100 - 7, match.Candidates[1].Score, 2);
    }

    [Fact]
    public void Find_Share_GoesWhereItLeavesARemainderTheMixCanUse()
    {
        var index = new PlacementIndex("dc1", new WorkloadMix([(1, null, 0.5), (1, 300, 0.5)], requests: 1));
        index.Update(TestNodes.Summary("dc1/tight", free: 0, sharedUsedMilli: 600), Now);
        index.Update(TestNodes.Summary("dc1/roomy", free: 0, sharedUsedMilli: 400), Now);

        var match = index.Find(Share(250, candidates: 2), 1, Now);

        // The tight GPU would keep 150 that no 300-share fits; the roomy one keeps 350, which one does.
        Assert.Equal(["dc1/roomy", "dc1/tight"], match.Candidates.Select(c => c.Nodes[0].Node));
    }

    [Fact]
    public void Find_Share_BreaksAWholeGpuWhenEverySharedOneWouldKeepAUselessRemainder()
    {
        var index = new PlacementIndex("dc1", new WorkloadMix([(1, 500, 1.0)], requests: 1));
        index.Update(TestNodes.Summary("dc1/shared", free: 0, sharedUsedMilli: 400), Now);
        index.Update(TestNodes.Summary("dc1/whole", free: 4), Now);

        var match = index.Find(Share(500, candidates: 2), 1, Now);

        // 500 on the shared GPU keeps 100 that no job of the mix can use; on a whole GPU it keeps a 500 one can.
        Assert.Equal(["dc1/whole", "dc1/shared"], match.Candidates.Select(c => c.Nodes[0].Node));
        Assert.Contains("breaks a whole GPU", match.Candidates[0].Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_WholeGpusAndSharesDoNotMix_WhateverTheMix()
    {
        var index = new PlacementIndex("dc1", new WorkloadMix([(1, 100, 1.0)], requests: 1));
        index.Update(TestNodes.Summary("dc1/shared-only", free: 0, sharedUsedMilli: [100, 100]), Now);

        Assert.Empty(index.Find(Whole(1, candidates: 3), 1, Now).Candidates);
    }

    [Fact]
    public void Find_LowerAdmissionWeight_RanksBelowUnlessItPacksMuchBetter()
    {
        var mix = new WorkloadMix([(1, null, 0.9), (8, null, 0.1)], requests: 1);
        var open = new PlacementIndex("dc1", mix);
        var turnedDown = new PlacementIndex("dc2", mix);
        open.Update(TestNodes.Summary("dc1/empty", free: 8), Now);
        turnedDown.Update(TestNodes.Summary("dc2/partly-used", free: 3), Now);

        var first = open.Find(Whole(1, candidates: 1), 1, Now).Candidates[0];
        var second = turnedDown.Find(Whole(1, candidates: 1), 0.25, Now).Candidates[0];

        Assert.True(first.Score > second.Score, $"{first.Score} should outrank {second.Score}");
    }

    private static PlacementQuery Whole(int gpus, int candidates) => new(new PlacementRequest { Gpus = gpus }, SingleNode: true, candidates);

    private static PlacementQuery Share(int milli, int candidates) => new(new PlacementRequest { Gpus = 1, GpuMilli = milli }, SingleNode: true, candidates);
}
