namespace Telemetry.Grains.Windows;

/// <summary>
/// Everything <see cref="GpuWindows"/> keeps for one field, allocated when the field is first measured:
/// 1-second and 10-second bucket statistics, p95 histograms for the fields that have one, and the hour of history.
/// </summary>
internal sealed class FieldSeries
{
    public FieldSeries(int fieldId, int secondSlots, int tenSecondSlots)
    {
        Seconds = new BucketStats(secondSlots);
        TenSeconds = new BucketStats(tenSecondSlots);
        var range = HistogramRange.For(fieldId);
        if (range is not null)
        {
            SecondBins = new BucketHistograms(range, secondSlots);
            TenSecondBins = new BucketHistograms(range, tenSecondSlots);
        }
    }

    public BucketStats Seconds { get; }

    public BucketStats TenSeconds { get; }

    /// <summary>p95 histograms of the 1-second ring; null for fields without p95.</summary>
    public BucketHistograms? SecondBins { get; }

    /// <summary>p95 histograms of the 10-second ring; null for fields without p95.</summary>
    public BucketHistograms? TenSecondBins { get; }

    public FieldHistory History { get; } = new();
}
