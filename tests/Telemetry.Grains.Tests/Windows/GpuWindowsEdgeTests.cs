using Telemetry.Fields;
using Telemetry.Grains.Windows;

namespace Telemetry.Grains.Tests.Windows;

public class GpuWindowsEdgeTests
{
    private const long T0 = 1_700_000_000_000; // a multiple of 10 s
    private const int Util = FieldCatalog.GpuUtilPct;

    [Theory]
    [InlineData("10s", 10_000)]
    [InlineData("1m", 60_000)]
    [InlineData("5m", 300_000)]
    public void Snapshot_SampleExactlyAtNewestMinusDuration_IsCounted(string window, long duration)
    {
        var windows = new GpuWindows();
        windows.Add(SampleBlock.One(T0 - 1, (Util, 99)));
        windows.Add(SampleBlock.One(T0, (Util, 10)));
        windows.Add(SampleBlock.One(T0 + duration, (Util, 20)));

        var stats = windows.Snapshot()[window]["gpu_util_pct"];

        Assert.Equal(2, stats.Count);
        Assert.Equal(10, stats.Min);
        Assert.Equal(20, stats.Max);
    }

    [Theory]
    [InlineData("10s", 10_000, 1_000)]
    [InlineData("1m", 60_000, 10_000)]
    [InlineData("5m", 300_000, 10_000)]
    public void Snapshot_StartNotOnBucketEdge_IsRoundedDownToTheEdge(string window, long duration, long width)
    {
        var windows = new GpuWindows();
        var newest = T0 + duration + (width / 2);
        windows.Add(SampleBlock.One(T0 - 1, (Util, 99)));   // just before the rounded start: out
        windows.Add(SampleBlock.One(T0, (Util, 10)));       // older than newest − D, but in the start bucket: in
        windows.Add(SampleBlock.One(newest, (Util, 20)));

        var stats = windows.Snapshot()[window]["gpu_util_pct"];

        Assert.Equal(2, stats.Count);
        Assert.Equal(15, stats.Mean);
    }

    [Fact]
    public void Snapshot_AfterBucketsRollOver_ForgetsOldBuckets()
    {
        var windows = new GpuWindows();
        windows.Add(SampleBlock.One(T0, (Util, 100)));
        windows.Add(SampleBlock.Series(T0 + 1_000, 1_000, 400, Util, _ => 1));

        var snapshot = windows.Snapshot();

        Assert.Equal(new(11, 1, 1, 1, 1), snapshot["10s"]["gpu_util_pct"]);
        Assert.Equal(61, snapshot["1m"]["gpu_util_pct"].Count);
        Assert.Equal(301, snapshot["5m"]["gpu_util_pct"].Count);
        Assert.Equal(401, windows.SampleCount);
    }

    [Fact]
    public void Add_GapLongerThanEveryRing_KeepsOnlyTheNewSamples()
    {
        var windows = new GpuWindows();
        windows.Add(SampleBlock.Series(T0, 1_000, 30, Util, _ => 50));
        windows.Add(SampleBlock.One(T0 + 7_200_000, (Util, 7)));

        var snapshot = windows.Snapshot();

        foreach (var name in new[] { "10s", "1m", "5m" })
        {
            Assert.Equal(new(1, 7, 7, 7, 7), snapshot[name]["gpu_util_pct"]);
        }

        Assert.Single(windows.History(Util, 60));
        Assert.Equal(31, windows.SampleCount);
    }

    [Fact]
    public void Add_OutOfOrderSamples_LandInTheirBucketsOrAreDroppedPastTheSpan()
    {
        var windows = new GpuWindows();
        windows.Add(SampleBlock.One(T0 + 50_000, (Util, 50)));
        windows.Add(SampleBlock.One(T0 + 45_000, (Util, 45)));  // inside both rings
        windows.Add(SampleBlock.One(T0 + 30_000, (Util, 30)));  // past the 1-second ring, inside the 10-second ring
        windows.Add(SampleBlock.One(T0 - 400_000, (Util, 1)));  // past every ring

        var snapshot = windows.Snapshot();

        Assert.Equal(new(2, 45, 47.5, 50, 50), snapshot["10s"]["gpu_util_pct"]);
        Assert.Equal(3, snapshot["1m"]["gpu_util_pct"].Count);
        Assert.Equal(3, snapshot["5m"]["gpu_util_pct"].Count);
        Assert.Equal(4, windows.SampleCount);
        Assert.Equal(T0 + 50_000, windows.NewestTimestampMs);
        Assert.Equal(50, windows.LastValue(Util));
    }

    [Fact]
    public void Add_NaNValues_AreNotCountedAndUnmeasuredFieldsAreLeftOut()
    {
        var windows = new GpuWindows();
        windows.Add(SampleBlock.Of([T0, T0 + 1_000, T0 + 2_000], (i, row) =>
        {
            row[Util - 1] = i == 1 ? double.NaN : 10 * (i + 1);
            row[FieldCatalog.PowerW - 1] = 300;
        }));

        var tenSeconds = windows.Snapshot()["10s"];

        Assert.Equal(new(2, 10, 20, 30, 30), tenSeconds["gpu_util_pct"]);
        Assert.Equal(2, tenSeconds.Count);
        Assert.False(tenSeconds.ContainsKey("gpu_temp_c"));
    }

    [Fact]
    public void Add_MoreThan65535RowsThenAGap_KeepsExactCounts()
    {
        // Counted with the rows at first; the unmeasured row gives the field counts of its own, too large for ushort.
        var windows = new GpuWindows();
        var timestamps = Enumerable.Repeat(T0, 70_000).ToArray();
        windows.Add(SampleBlock.Of(timestamps, (i, row) => row[Util - 1] = i % 2));
        windows.Add(SampleBlock.Of([T0 + 1], (_, row) => row[Util - 1] = double.NaN));
        windows.Add(SampleBlock.Of([T0 + 2], (_, row) => row[Util - 1] = 1));

        var tenSeconds = windows.Snapshot()["10s"]["gpu_util_pct"];

        Assert.Equal(70_001, tenSeconds.Count);
        Assert.Equal(0, tenSeconds.Min);
        Assert.Equal(35_001.0 / 70_001, tenSeconds.Mean);
        Assert.Equal(1, tenSeconds.Max);
    }

    [Fact]
    public void LastValues_NewestRow_LeavesOutNaN()
    {
        var windows = new GpuWindows();
        windows.Add(SampleBlock.One(T0, (Util, 10), (FieldCatalog.GpuTempC, 60)));
        windows.Add(SampleBlock.One(T0 + 1_000, (Util, 20)));

        var last = windows.LastValues();

        Assert.Equal(20, last["gpu_util_pct"]);
        Assert.Single(last);
        Assert.True(double.IsNaN(windows.LastValue(FieldCatalog.GpuTempC)));
    }

    [Fact]
    public void Snapshot_NoSamples_HasEmptyWindows()
    {
        var windows = new GpuWindows();

        var snapshot = windows.Snapshot();

        Assert.Equal(["10s", "1m", "5m"], snapshot.Keys.Order());
        Assert.All(snapshot.Values, w => Assert.Empty(w));
        Assert.Null(windows.NewestTimestampMs);
        Assert.Empty(windows.History(Util, 60));
    }

    [Fact]
    public void Snapshot_FieldWithoutHistogram_HasNullP95()
    {
        var windows = new GpuWindows();
        windows.Add(SampleBlock.One(T0, (FieldCatalog.SmClockMhz, 1_980)));

        Assert.Null(windows.Snapshot()["10s"]["sm_clock_mhz"].P95);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(61)]
    public void History_MinutesOutOfRange_Throws(int minutes) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new GpuWindows().History(Util, minutes));
}
