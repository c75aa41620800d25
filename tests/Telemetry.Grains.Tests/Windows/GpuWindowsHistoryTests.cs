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
            Assert.Equal(expected[i].Mean, history[i].Mean, 1e-4);
            Assert.Equal(expected[i].Max, history[i].Max, 1e-4);
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
}
