using Telemetry.Grains.Placement;
using Telemetry.Placement;

namespace Telemetry.Grains.Tests.Placement;

public sealed class WorkloadMixTests
{
    [Fact]
    public void New_HoldsThePrior()
    {
        var mix = new WorkloadMix();

        Assert.Equal(0.35, mix.Whole(8), 9);
        Assert.Equal(0.8, mix.WholeShare, 9);
        Assert.Equal(0.2, mix.ShareAbove(0), 9);
        Assert.Equal(0.1, mix.ShareAbove(250), 9);
        Assert.Equal(0, mix.ShareAbove(500), 9);
        Assert.Equal(0, mix.Observed);
    }

    [Fact]
    public void Observe_ManyRequests_TakeOverFromThePrior()
    {
        var mix = new WorkloadMix();

        for (var i = 0; i < 20_000; i++)
        {
            mix.Observe(new PlacementRequest { Gpus = 1, GpuMilli = i % 2 == 0 ? 470 : null });
        }

        Assert.Equal(0.5, mix.Whole(1), 2);
        Assert.Equal(0.5, mix.ShareAbove(469), 2);
        Assert.True(mix.ShareAbove(470) < 0.001, $"the prior's half shares should have faded; share {mix.ShareAbove(470)}");
        Assert.True(mix.Whole(8) < 0.001, $"the prior's 8-GPU jobs should have faded; share {mix.Whole(8)}");
    }

    [Fact]
    public void Observe_OlderRequestsFadeByHalfEachHalfLife()
    {
        var mix = new WorkloadMix([(8, null, 1.0)], requests: 1);
        var halfLife = (int)WorkloadMix.HalfLifeRequests;

        for (var i = 0; i < halfLife; i++)
        {
            mix.Observe(new PlacementRequest { Gpus = 8 });
        }

        for (var i = 0; i < halfLife; i++)
        {
            mix.Observe(new PlacementRequest { Gpus = 2 });
        }

        // The 8-GPU requests weigh half of what the 2-GPU ones do: one third of the mix (to the refresh's batching).
        Assert.Equal(1.0 / 3, mix.Whole(8), 1);
        Assert.Equal(2.0 / 3, mix.Whole(2), 1);
    }

    [Fact]
    public void Observe_TablesChangeOnlyAtARefresh()
    {
        var mix = new WorkloadMix([(1, null, 1.0)], requests: 1);

        for (var i = 0; i < WorkloadMix.RefreshEvery - 1; i++)
        {
            mix.Observe(new PlacementRequest { Gpus = 4 });
        }

        Assert.Equal(0, mix.Whole(4));
        mix.Observe(new PlacementRequest { Gpus = 4 });
        Assert.True(mix.Whole(4) > 0.9, $"after a refresh the 4-GPU requests should dominate; share {mix.Whole(4)}");
    }

    [Fact]
    public void Observe_LearnsTheShareOfGpuDemandThatNamesEachModel()
    {
        var mix = new WorkloadMix([(1, null, 1.0)], requests: 0);

        // 16 requests of 2 T4 GPUs (32 GPUs), 16 shares of 500 naming nothing (8 GPUs), 32 requests of 1 GPU naming nothing.
        for (var i = 0; i < WorkloadMix.RefreshEvery; i++)
        {
            mix.Observe(i < 16 ? new PlacementRequest { Gpus = 2, Model = "T4" }
                : i < 32 ? new PlacementRequest { Gpus = 1, GpuMilli = 500 }
                : new PlacementRequest { Gpus = 1 });
        }

        Assert.Equal(32.0 / 72, mix.ModelShare("t4"), 6);
        Assert.Equal(0, mix.ModelShare("NVIDIA B200"));
        Assert.Equal(0, mix.ModelShare(null));
    }

    [Fact]
    public void Observe_TheSpreadAskOfAJobTooLargeForANode_IsNotCountedAgain()
    {
        var mix = new WorkloadMix();
        var request = new PlacementRequest { Gpus = 20 };

        mix.Observe(new PlacementQuery(request, SingleNode: true, Candidates: 3));
        mix.Observe(new PlacementQuery(request, SingleNode: false, Candidates: 3));
        mix.Observe(new PlacementQuery(request with { SingleNode = false }, SingleNode: false, Candidates: 3));

        Assert.Equal(2, mix.Observed);
    }

    [Fact]
    public void Observe_JobsLargerThanTheLargestClass_CountAsIt()
    {
        var mix = new WorkloadMix([(WorkloadMix.MaxWholeGpus * 2, null, 1.0)], requests: 1);

        Assert.Equal(1, mix.Whole(WorkloadMix.MaxWholeGpus), 9);
        Assert.Equal(1, mix.WholeAbove(8), 9);
        Assert.Equal(0, mix.WholeAbove(WorkloadMix.MaxWholeGpus), 9);
        Assert.Equal(0, mix.ShareAbove(GpuShares.MinShare - 1), 9);
    }
}
