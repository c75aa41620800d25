namespace Telemetry.Grains.Windows;

/// <summary>
/// Everything <see cref="GpuWindows"/> keeps for one field that is not constant: 1-second and
/// 10-second bucket statistics, p95 histograms for the fields that have one, and the hour of history.
/// </summary>
internal sealed class FieldSeries
{
    // Samples a bucket lists before its ring turns to full histograms: exporters at up to 4 Hz fit the
    // 1-second buckets, exporters at up to 1.6 Hz (1 Hz with some jitter) the 10-second ones.
    private const int SecondListCapacity = 4;
    private const int TenSecondListCapacity = 16;

    private readonly BucketStats _stats;
    private readonly int _fieldId;
    private FieldHistory? _history;
    private readonly int _secondSlots;

    /// <param name="fieldId">The field.</param>
    /// <param name="secondSlots">Slots of the 1-second ring.</param>
    /// <param name="tenSecondSlots">Slots of the 10-second ring.</param>
    /// <param name="sharedRows">The rings' row counts when every row so far measured the field, else null.</param>
    public FieldSeries(int fieldId, int secondSlots, int tenSecondSlots, RingRows? sharedRows)
    {
        _stats = new BucketStats(secondSlots + tenSecondSlots, sharedRows);
        _secondSlots = secondSlots;
        _fieldId = fieldId;
        var range = HistogramRange.For(fieldId);
        if (range is not null)
        {
            SecondBins = new BucketHistograms(range, secondSlots, SecondListCapacity);
            TenSecondBins = new BucketHistograms(range, tenSecondSlots, TenSecondListCapacity);
        }
    }

    public RingStats Seconds => new(_stats, 0);

    public RingStats TenSeconds => new(_stats, _secondSlots);

    /// <summary>p95 histograms of the 1-second ring; null for fields without p95.</summary>
    public BucketHistograms? SecondBins { get; }

    /// <summary>p95 histograms of the 10-second ring; null for fields without p95.</summary>
    public BucketHistograms? TenSecondBins { get; }

    /// <summary>The field's history; null until a bucket in which it was measured retires.</summary>
    public FieldHistory? History => _history;

    /// <summary>The field's history, made on the first write.</summary>
    public FieldHistory HistoryToWrite() => _history ??= new FieldHistory(_fieldId);

    /// <summary>A row landed without measuring the field: it counts its own samples from now on.</summary>
    public void MissRow() => _stats.OwnCounts();

    /// <summary>
    /// The series of a field that so far measured <paramref name="value"/> in every row: each live bucket
    /// holds the ring's row count of that value (its counts are the rows' until it misses one), each history
    /// slot in use holds it as mean and max.
    /// </summary>
    public static FieldSeries FromConstant(int fieldId, double value, RingRows rows, HistoryTags? tags)
    {
        var series = new FieldSeries(fieldId, rows.Seconds.Size, rows.TenSeconds.Size, rows);
        Fill(series.Seconds, series.SecondBins, rows.Seconds, value);
        Fill(series.TenSeconds, series.TenSecondBins, rows.TenSeconds, value);
        for (var h = 0; h < HistoryTags.Slots; h++)
        {
            if (tags is not null && tags.IsUsed(h))
            {
                series.HistoryToWrite().Set(h, value, value);
            }
        }

        return series;
    }

    private static void Fill(RingStats stats, BucketHistograms? bins, BucketRing ring, double value)
    {
        for (var slot = 0; slot < ring.Size; slot++)
        {
            var rows = ring.Rows(slot);
            if (rows > 0)
            {
                stats.Fill(slot, value, rows);
                bins?.Add(slot, value, rows);
            }
        }
    }
}
