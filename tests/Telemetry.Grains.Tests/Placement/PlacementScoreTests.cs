using Telemetry.Grains.Placement;

namespace Telemetry.Grains.Tests.Placement;

public sealed class PlacementScoreTests
{
    [Fact]
    public void Of_OneThousandthOfFragmentation_OutweighsFitAndHeadroom()
    {
        var lessFragmentedButLooseAndHot = PlacementScore.Of(fragmentation: 0, leftGpus: 7, size: 8, headroom: 0);
        var moreFragmentedButTightAndCool = PlacementScore.Of(fragmentation: 0.001, leftGpus: 0, size: 8, headroom: 1);

        Assert.True(lessFragmentedButLooseAndHot > moreFragmentedButTightAndCool);
    }

    [Fact]
    public void Of_EqualFragmentation_FitThenHeadroomBreakTheTie()
    {
        Assert.True(PlacementScore.Of(0.1, leftGpus: 1, size: 8, headroom: 0) > PlacementScore.Of(0.1, leftGpus: 2, size: 8, headroom: 1));
        Assert.True(PlacementScore.Of(0.1, leftGpus: 1, size: 8, headroom: 0.6) > PlacementScore.Of(0.1, leftGpus: 1, size: 8, headroom: 0.5));
    }

    [Fact]
    public void Of_NeverFallsBelowTheFloor_SoTheAdmissionWeightStillOrders()
    {
        Assert.Equal(PlacementScore.Floor, PlacementScore.Of(fragmentation: 50, leftGpus: 0, size: 64, headroom: 1));
    }

    [Fact]
    public void UpperBound_IsAtLeastEveryNodesScoreInItsBucket()
    {
        var mix = new WorkloadMix();
        for (var free = 1; free <= 8; free++)
        {
            for (var take = 1; take <= free; take++)
            {
                foreach (var size in new[] { 8, 16 })
                {
                    Assert.True(PlacementScore.UpperBound(mix, free, take) >= PlacementScore.Packing(mix, free, take, size, headroom: 1));
                }
            }
        }
    }
}
