using Telemetry.Grains.Placement;
using Telemetry.Placement;

namespace Telemetry.Grains.Tests.Placement;

public sealed class PlacementRulesTests
{
    [Theory]
    [InlineData(1, 0, "gpuMilli must be 1–999")]
    [InlineData(1, 1000, "gpuMilli must be 1–999")]
    [InlineData(2, 500, "gpus must be 1")]
    public void Impossible_BadGpuMilli_NamesTheField(int gpus, int milli, string expected)
    {
        var detail = PlacementRules.Impossible(new PlacementRequest { Gpus = gpus, GpuMilli = milli });

        Assert.Contains(expected, detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Impossible_FractionOfOneGpu_IsWellFormed() =>
        Assert.Null(PlacementRules.Impossible(new PlacementRequest { Gpus = 1, GpuMilli = 250 }));

    [Fact]
    public void Rank_SpreadAboveEveryDataCentersCapacity_IsNeverMet()
    {
        var answer = PlacementRules.Rank(new PlacementRequest { Gpus = 100 }, singleNode: false,
            [("dc1", new DataCenterMatch { LargestNode = 8, Capacity = 64 }), ("dc2", new DataCenterMatch { LargestNode = 8, Capacity = 80 })]);

        Assert.True(answer.Refusal!.Impossible);
        Assert.Contains("the most is 80 in dc2", answer.Refusal.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Rank_SpreadWithinCapacity_IsNotNow()
    {
        var answer = PlacementRules.Rank(new PlacementRequest { Gpus = 60 }, singleNode: false, [("dc1", new DataCenterMatch { LargestNode = 8, Capacity = 64 })]);

        Assert.False(answer.Refusal!.Impossible);
    }

    [Fact]
    public void Rank_MoreMemoryThanAnyGpuHas_IsNeverMet()
    {
        var answer = PlacementRules.Rank(new PlacementRequest { Gpus = 1, MinFreeMemoryMib = 500_000 }, singleNode: true,
            [("dc1", new DataCenterMatch { LargestNode = 8, Capacity = 8, LargestMemoryMib = 196_608 })]);

        Assert.True(answer.Refusal!.Impossible);
        Assert.Contains("minFreeMemoryMib", answer.Refusal.Detail, StringComparison.Ordinal);
    }
}
