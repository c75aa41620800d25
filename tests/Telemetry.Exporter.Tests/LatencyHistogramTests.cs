using Telemetry.Exporter.Sending;
using Telemetry.Exporter.Simulation;

namespace Telemetry.Exporter.Tests;

public sealed class LatencyHistogramTests
{
    [Fact]
    public void PercentileMs_UniformLatencies_WithinBucketPrecision()
    {
        var histogram = new LatencyHistogram();
        for (var ms = 1; ms <= 1000; ms++)
        {
            histogram.Record(TimeSpan.FromMilliseconds(ms));
        }

        Assert.InRange(histogram.PercentileMs(0.5), 500 * 0.95, 500 * 1.05);
        Assert.InRange(histogram.PercentileMs(0.99), 990 * 0.95, 990 * 1.05);
        Assert.Equal(1000, histogram.MaxMs);
        Assert.Equal(1000, histogram.Count);
    }

    [Fact]
    public void PercentileMs_Empty_IsZero() => Assert.Equal(0, new LatencyHistogram().PercentileMs(0.99));
}
