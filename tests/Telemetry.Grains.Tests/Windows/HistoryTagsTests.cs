using Telemetry.Grains.Windows;

namespace Telemetry.Grains.Tests.Windows;

/// <summary>Which bucket each history slot holds, against the buckets claimed.</summary>
public class HistoryTagsTests
{
    private const int Slots = HistoryTags.Slots;

    [Theory]
    [InlineData(170_000_000L)]
    [InlineData(-1_000L)]
    public void Claim_BucketsInOrder_HoldsTheNewestSlotsWorth(long first)
    {
        var tags = new HistoryTags();
        for (var bucket = first; bucket < first + 1_000; bucket++)
        {
            Assert.Equal(BucketMath.SlotOf(bucket, Slots), tags.Claim(bucket));
        }

        AssertHoldsExactly(tags, first + 1_000 - Slots, first + 999);
    }

    [Fact]
    public void Claim_OlderBucketAfterANewerTookItsSlot_IsRefused()
    {
        var tags = new HistoryTags();
        tags.Claim(5_000);
        tags.Claim(5_000 + Slots);

        Assert.Equal(-1, tags.Claim(5_000));
        Assert.Equal(-1, tags.Claim(5_000 + Slots));
        Assert.True(tags.Holds(BucketMath.SlotOf(5_000, Slots), 5_000 + Slots));
        Assert.False(tags.Holds(BucketMath.SlotOf(5_000, Slots), 5_000));
    }

    [Fact]
    public void Claim_MoreLapsThanTheOffsetsSpan_KeepsTheNewestSlotsWorth()
    {
        // Past 65,535 laps of 330 buckets from the first (6.8 years) the offsets are rebased; the newest
        // slots' worth, claimed partly before the rebase, stays.
        var tags = new HistoryTags();
        const long first = 170_000_123;
        var last = ((first / Slots) + 65_535L) * Slots + 100;
        for (var bucket = first; bucket <= last; bucket++)
        {
            Assert.NotEqual(-1, tags.Claim(bucket));
        }

        AssertHoldsExactly(tags, last - Slots + 1, last);
        Assert.Equal(-1, tags.Claim(first));
    }

    [Fact]
    public void Claim_AfterAGapOfYears_ForgetsTheOldBuckets()
    {
        var tags = new HistoryTags();
        for (var bucket = 1_000L; bucket < 1_400; bucket++)
        {
            tags.Claim(bucket);
        }

        var resumed = 1_000L + (70_000L * Slots) + 7;
        tags.Claim(resumed);

        AssertHoldsExactly(tags, resumed, resumed);
        Assert.False(tags.Holds(BucketMath.SlotOf(1_399, Slots), 1_399));
    }

    private static void AssertHoldsExactly(HistoryTags tags, long oldest, long newest)
    {
        for (var bucket = newest - (3 * Slots); bucket <= newest + Slots; bucket++)
        {
            Assert.Equal(bucket >= oldest && bucket <= newest, tags.Holds(BucketMath.SlotOf(bucket, Slots), bucket));
        }
    }
}
