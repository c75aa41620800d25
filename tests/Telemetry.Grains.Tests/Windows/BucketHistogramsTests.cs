using Telemetry.Grains.Windows;

namespace Telemetry.Grains.Tests.Windows;

/// <summary>Listed bins against full histograms: every slot must merge to the same counts.</summary>
public class BucketHistogramsTests
{
    private const int Size = 31;
    private static readonly HistogramRange Range = HistogramRange.For(Fields.FieldCatalog.GpuUtilPct)!;

    public static TheoryData<int, int> Cases => new() { { 1, 4 }, { 2, 16 }, { 3, 16 }, { 4, 64 } };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MergeInto_ListsAndFullHistograms_GiveTheSameCounts(int seed, int maxPerBucket)
    {
        var random = new Random(seed);
        var listed = new BucketHistograms(Range, Size, listCapacity: 16);
        var full = new BucketHistograms(Range, Size, listCapacity: 0);
        for (var round = 0; round < 400; round++)
        {
            var slot = random.Next(Size);
            if (random.Next(3) == 0)
            {
                listed.Reset(slot);
                full.Reset(slot);
                continue;
            }

            for (var n = random.Next(1, maxPerBucket / 4 + 2); n > 0; n--)
            {
                var value = (random.NextDouble() * 120) - 10;
                var count = random.Next(1, 3);
                listed.Add(slot, value, count);
                full.Add(slot, value, count);
            }

            for (var s = 0; s < Size; s++)
            {
                Assert.Equal(Merged(full, s), Merged(listed, s));
            }
        }
    }

    [Fact]
    public void Add_MoreSamplesThanAListHolds_KeepsEveryEarlierSample()
    {
        var histograms = new BucketHistograms(Range, Size, listCapacity: 4);
        histograms.Add(3, 50);
        histograms.Add(3, 50);
        histograms.Add(7, 99);
        histograms.Add(3, 10, count: 5);

        var slot3 = Merged(histograms, 3);
        Assert.Equal(2, slot3[Range.BinOf(50)]);
        Assert.Equal(5, slot3[Range.BinOf(10)]);
        Assert.Equal(1, Merged(histograms, 7)[Range.BinOf(99)]);
        Assert.Equal(8, slot3.Sum() + Merged(histograms, 7).Sum());
    }

    private static int[] Merged(BucketHistograms histograms, int slot)
    {
        var total = new int[HistogramRange.Bins];
        histograms.MergeInto(slot, total);
        return total;
    }
}
