using Telemetry.Fields;
using Telemetry.Grains.Windows;

namespace Telemetry.Grains.Tests.Windows;

public class RollupCursorTests
{
    private const long Start = 1_800_000_000_000; // a multiple of 10 s

    [Fact]
    public void Advance_SamplesInTwoBuckets_RollsUpOnlyTheClosedOneWithExactMeanAndMax()
    {
        var windows = new GpuWindows();
        var cursor = new RollupCursor();
        var emitted = new List<(long Bucket, double[] Means, double[] Maxes, int Rows)>();
        void Emit(long b, ReadOnlySpan<double> means, ReadOnlySpan<double> maxes, int rows) => emitted.Add((b, means.ToArray(), maxes.ToArray(), rows));

        // Ten samples at 1 Hz in the first bucket: power 100..109 W; fb_total constant.
        windows.Add(SampleBlock.Of([.. Enumerable.Range(0, 10).Select(i => Start + (i * 1000L))], (i, row) =>
        {
            row[FieldCatalog.PowerW - 1] = 100 + i;
            row[FieldCatalog.FbTotalMib - 1] = 81_559;
        }));
        cursor.Advance(windows, Emit);
        Assert.Empty(emitted);

        windows.Add(SampleBlock.One(Start + 10_000, (FieldCatalog.PowerW, 500), (FieldCatalog.FbTotalMib, 81_559)));
        cursor.Advance(windows, Emit);

        var rollup = Assert.Single(emitted);
        Assert.Equal(Start / 10_000, rollup.Bucket);
        Assert.Equal(10, rollup.Rows);
        Assert.Equal(104.5, rollup.Means[FieldCatalog.PowerW - 1]);
        Assert.Equal(109, rollup.Maxes[FieldCatalog.PowerW - 1]);
        Assert.Equal(81_559, rollup.Means[FieldCatalog.FbTotalMib - 1]);
        Assert.True(double.IsNaN(rollup.Means[FieldCatalog.GpuTempC - 1]));
    }

    [Fact]
    public void Advance_GapOfSeveralBuckets_RollsUpOnlyBucketsWithSamplesOnce()
    {
        var windows = new GpuWindows();
        var cursor = new RollupCursor();
        var buckets = new List<long>();
        void Emit(long b, ReadOnlySpan<double> means, ReadOnlySpan<double> maxes, int rows) => buckets.Add(b);

        foreach (var offset in new long[] { 0, 5_000, 12_000, 45_000, 46_000, 61_000 })
        {
            windows.Add(SampleBlock.One(Start + offset, (FieldCatalog.GpuUtilPct, 50)));
            cursor.Advance(windows, Emit);
        }

        var first = Start / 10_000;
        Assert.Equal([first, first + 1, first + 4], buckets);
    }

    [Fact]
    public void Flush_AfterQuiet_ClosesNewestBucketOnceAndLaterSamplesStartTheNext()
    {
        var windows = new GpuWindows();
        var cursor = new RollupCursor();
        var buckets = new List<long>();
        void Emit(long b, ReadOnlySpan<double> means, ReadOnlySpan<double> maxes, int rows) => buckets.Add(b);

        windows.Add(SampleBlock.One(Start, (FieldCatalog.GpuUtilPct, 50)));
        cursor.Advance(windows, Emit);
        cursor.Flush(windows, Emit);
        cursor.Flush(windows, Emit);

        // A late sample of the flushed bucket is kept in the windows but not sent again.
        windows.Add(SampleBlock.One(Start + 3_000, (FieldCatalog.GpuUtilPct, 60)));
        cursor.Advance(windows, Emit);
        windows.Add(SampleBlock.One(Start + 10_000, (FieldCatalog.GpuUtilPct, 70)));
        cursor.Advance(windows, Emit);
        windows.Add(SampleBlock.One(Start + 20_000, (FieldCatalog.GpuUtilPct, 80)));
        cursor.Advance(windows, Emit);

        var first = Start / 10_000;
        Assert.Equal([first, first + 1], buckets);
    }
}
