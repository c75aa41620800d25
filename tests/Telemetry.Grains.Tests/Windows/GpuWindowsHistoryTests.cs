using Telemetry.Fields;
using Telemetry.Grains.Windows;

namespace Telemetry.Grains.Tests.Windows;

public class GpuWindowsHistoryTests
{
    private const long T0 = 1_700_000_000_000;

    [Theory]
    [InlineData(60)]
    [InlineData(7)]
    [InlineData(1)]
    public void History_SamplesForSeventyMinutes_GivesEachTenSecondBucketsMeanAndMax(int minutes)
    {
        var windows = new GpuWindows();
        var random = new Random(minutes);
        var samples = new List<(long T, double V)>();
        var t = T0 + 3_000;
        for (var block = 0; block < 70 * 60 / 5; block++)
        {
            var timestamps = Enumerable.Range(0, 10).Select(i => t + (i * 500L)).ToArray();
            var values = timestamps.Select(_ => Math.Round(random.NextDouble() * 100, 2)).ToArray();
            windows.Add(SampleBlock.Of(timestamps, (i, row) => row[FieldCatalog.GpuUtilPct - 1] = values[i]));
            samples.AddRange(timestamps.Zip(values));
            t += 5_000;
        }

        var newest = windows.NewestTimestampMs!.Value;
        var first = ((newest - (minutes * 60_000L)) / 10_000) * 10_000;
        var expected = samples
            .Where(s => s.T >= first)
            .GroupBy(s => s.T / 10_000 * 10_000)
            .OrderBy(g => g.Key)
            .Select(g => (T: g.Key, Mean: g.Average(s => s.V), Max: g.Max(s => s.V)))
            .ToArray();

        var history = windows.History(FieldCatalog.GpuUtilPct, minutes);

        Assert.Equal((6 * minutes) + 1, history.Length);
        Assert.Equal(expected.Length, history.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].T, history[i].T.ToUnixTimeMilliseconds());
            Assert.Equal(expected[i].Mean, history[i].Mean, HistoryTolerance(expected[i].Mean));
            Assert.Equal(expected[i].Max, history[i].Max, HistoryTolerance(expected[i].Max));
        }
    }

    [Fact]
    public void History_ConstantFieldThatChanges_KeepsItsEarlierBuckets()
    {
        var windows = new GpuWindows();
        windows.Add(SampleBlock.Series(T0, 1_000, 900, FieldCatalog.PowerLimitW, _ => 700));
        Assert.True(windows.IsConstant(FieldCatalog.PowerLimitW));

        windows.Add(SampleBlock.Series(T0 + 900_000, 1_000, 10, FieldCatalog.PowerLimitW, _ => 650));

        var history = windows.History(FieldCatalog.PowerLimitW, 60);
        Assert.False(windows.IsConstant(FieldCatalog.PowerLimitW));
        Assert.Equal(91, history.Length);
        Assert.All(history[..^1], p => Assert.Equal((700.0, 700.0), (p.Mean, p.Max)));
        Assert.Equal((650.0, 650.0), (history[^1].Mean, history[^1].Max));
        var minute = windows.Snapshot()["1m"]["power_limit_w"];
        Assert.Equal((70L, 650.0, 700.0), (minute.Count, minute.Min, minute.Max));
        Assert.Equal(((60 * 700) + (10 * 650)) / 70.0, minute.Mean, 1e-9);
    }

    [Fact]
    public void History_ValuesBeyondHalfRange_AreRescaledWithinTolerance()
    {
        var windows = new GpuWindows();
        windows.Add(SampleBlock.Series(T0, 1_000, 600, FieldCatalog.PowerW, i => i < 300 ? 123.4 + (i % 2) : 3.5e9 + i));
        windows.Add(SampleBlock.Series(T0 + 600_000, 1_000, 400, FieldCatalog.PowerW, i => i % 3));

        var history = windows.History(FieldCatalog.PowerW, 60);

        Assert.Equal(100, history.Length);
        Assert.All(history[..30], p => Assert.Equal(123.9, p.Mean, HistoryTolerance(123.9)));
        Assert.All(history[30..60], p => Assert.Equal(3.5e9 + 300, p.Mean, HistoryTolerance(3.5e9 + 300)));

        // Small values after a rescale to 2^-16 are Half subnormals: within 2^-24 / 2^-16 = 2^-8.
        for (var b = 60; b < 69; b++)
        {
            var expected = Enumerable.Range((b - 60) * 10, 10).Average(i => i % 3);
            Assert.Equal(expected, history[b].Mean, 1.0 / 256);
        }
    }

    [Fact]
    public void History_BucketsWithoutSamples_AreLeftOut()
    {
        var windows = new GpuWindows();
        windows.Add(SampleBlock.One(T0, (FieldCatalog.GpuTempC, 40)));
        windows.Add(SampleBlock.One(T0 + 600_000, (FieldCatalog.GpuTempC, 50)));
        windows.Add(SampleBlock.One(T0 + 1_200_000, (FieldCatalog.GpuTempC, 60)));

        var history = windows.History(FieldCatalog.GpuTempC, 60);

        Assert.Equal([40.0, 50.0, 60.0], history.Select(p => p.Mean));
        Assert.Empty(windows.History(FieldCatalog.PowerW, 60));
    }

    // Retired buckets are kept as Half: within 2^-11 of the value (the newest 31 buckets are exact).
    private static double HistoryTolerance(double value) => Math.Max(1e-9, Math.Abs(value) / 2048);
}
