using Telemetry.Fields;
using Telemetry.State;
using Telemetry.Wire;

namespace Telemetry.Grains.Windows;

/// <summary>
/// One GPU's sliding windows (10 s, 1 m, 5 m) and hour of 10-second history for every field, in
/// sample time (the exporter's timestamps), ending at the GPU's newest sample.
/// </summary>
/// <remarks>
/// <para>
/// Buckets: 1-second buckets (a ring of 11) serve the 10 s window; 10-second buckets (a ring of 31)
/// serve the 1 m and 5 m windows. Bucket number b = floor(t / w) for a timestamp t (Unix ms) and width w.
/// A window of duration D covers the buckets floor((newest − D) / w) … floor(newest / w), where newest
/// is the newest sample timestamp: its start is rounded DOWN to a bucket edge, so it covers at least D
/// and less than D + w of sample time (10 s: 11 buckets, 10–11 s; 1 m: 7 buckets, 60–70 s;
/// 5 m: 31 buckets, 300–310 s).
/// </para>
/// <para>
/// count, min, max and mean are exact over the samples in the covered buckets: each bucket keeps, per
/// field, count (ushort, widened to int past 65,535; the ring's row count while every row measured the field),
/// sum (float while every sum is exactly a float, else double for good) and min, max (float while every value
/// is exactly a float, else double for good). NaN values are not counted. A ring slot is bucket mod ring
/// size and is tagged with its bucket number; a slot holding another bucket is ignored on read and emptied
/// when a newer bucket claims it. A sample older than a ring's span (11 s for the 1-second ring, 310 s
/// for the 10-second ring, before the newest bucket's end) is dropped from that ring but still counted
/// in <see cref="SampleCount"/>; out-of-order samples inside the span land in their own bucket.
/// </para>
/// <para>
/// Constant fields: a field measured in every row since the first, always with the same value (bit for
/// bit), keeps only that value; its count in a bucket is the ring's row count, its min, max, mean and
/// p95 the value. The first NaN or other value rebuilds its buckets and history from the constant.
/// </para>
/// <para>
/// p95, for gpu_util_pct, gpu_temp_c and power_w only (null for other fields): a fixed-range
/// histogram of 64 bins per bucket (0–100 %, 0–128 °C, 0–1600 W; values outside counted in the edge
/// bins; kept as a list of bin numbers while buckets hold few samples, then byte counts, widened to ushort
/// once a bin reaches 255), merged over the window; the bin holding
/// the nearest-rank p95 (rank ⌈0.95 n⌉) is found and the value interpolated linearly inside it, then
/// clamped to the window's exact [min, max]. For values inside the range the error is less than one bin
/// width: 1.5625 %, 2 °C, 25 W.
/// </para>
/// <para>
/// History: when a 10-second bucket's slot is claimed by a newer bucket, its mean and max are
/// written as 16-bit floats (within 2^-11 of the value, see <see cref="FieldHistory"/>, packed without loss
/// in blocks of 5 minutes) to a ring of 330 slots; the newest 31 buckets are read, exact, from the live 10-second ring. History uses the
/// same rounding rule: the last m minutes are buckets floor((newest − m × 60 s) / 10 s) … floor(newest / 10 s),
/// at most 6m + 1 points.
/// </para>
/// <para>
/// Memory (measured, an hour of 1 Hz rows): about 27 KB per GPU for realistic data (10 of 23 fields
/// constant, float32 values), 58 KB with random doubles in every field; it was 121 KB, then 42 KB, then 32 KB.
/// Add allocates nothing once a field has its series (a constant field's first change allocates it once; its
/// first unmeasured row, or first value or sum that is not a float32, once more).
/// </para>
/// </remarks>
public sealed class GpuWindows
{
    private const long SecondMs = 1_000;
    private const long TenSecondsMs = 10_000;

    // The 10 s window needs 11 one-second buckets, the 5 m window 31 ten-second buckets: no slot more.
    private const int SecondSlots = 11;
    private const int TenSecondSlots = 31;

    private readonly BucketRing _seconds = new(SecondMs, SecondSlots);
    private readonly BucketRing _tenSeconds = new(TenSecondsMs, TenSecondSlots);
    private readonly RingRows _rows;

    // Made when the first bucket retires, like each field's history: a GPU's first five minutes need neither.
    private HistoryTags? _historyTags;
    private readonly FieldSeries?[] _fields = new FieldSeries?[FieldCatalog.Count];

    // A field measured in every row so far, always with one value, keeps only that value here (NaN: not constant).
    private readonly double[] _constants = CreateNaNs();
    private readonly double[] _last = CreateNaNs();
    private bool _anyRowLanded;

    /// <summary>Empty windows; the first sample starts them.</summary>
    public GpuWindows() => _rows = new RingRows(_seconds, _tenSeconds);

    /// <summary>Samples (rows) applied, all time, including those too old for any window.</summary>
    public long SampleCount { get; private set; }

    /// <summary>The newest sample timestamp seen, Unix milliseconds; null before the first sample.</summary>
    public long? NewestTimestampMs { get; private set; }

    /// <summary>Applies a block of samples; timestamps need not be newer than those already applied.</summary>
    public void Add(GpuSamples samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var timestamps = samples.Timestamps;
        var values = samples.Values;
        if (values.Length != timestamps.Length * FieldCatalog.Count)
        {
            throw new ArgumentException("Values must hold Timestamps.Length × FieldCatalog.Count numbers.", nameof(samples));
        }

        for (var row = 0; row < timestamps.Length; row++)
        {
            AddRow(timestamps[row], values, row * FieldCatalog.Count);
        }

        SampleCount += timestamps.Length;
        if (timestamps.Length > 0)
        {
            UpdateLast(timestamps[^1], values, (timestamps.Length - 1) * FieldCatalog.Count);
        }
    }

    /// <summary>The newest sample's value of a field; NaN when that sample did not measure it.</summary>
    public double LastValue(int fieldId)
    {
        ThrowIfUnknown(fieldId);
        return _last[fieldId - 1];
    }

    /// <summary>The newest sample's values by field name; fields it did not measure are left out.</summary>
    public IReadOnlyDictionary<string, double> LastValues()
    {
        var result = new Dictionary<string, double>(FieldCatalog.Count, StringComparer.Ordinal);
        for (var c = 0; c < _last.Length; c++)
        {
            if (!double.IsNaN(_last[c]))
            {
                result[FieldCatalog.All[c].Name] = _last[c];
            }
        }

        return result;
    }

    /// <summary>Window name ("10s", "1m", "5m") → field name → statistics; fields without samples in a window are left out.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, WindowStats>> Snapshot() =>
        new Dictionary<string, IReadOnlyDictionary<string, WindowStats>>(3, StringComparer.Ordinal)
        {
            ["10s"] = Window(inSeconds: true, 10_000),
            ["1m"] = Window(inSeconds: false, 60_000),
            ["5m"] = Window(inSeconds: false, 300_000),
        };

    /// <summary>
    /// The field's 10-second buckets (mean and max) over the last <paramref name="minutes"/> (1–60)
    /// ending at the newest sample, oldest first; buckets without samples are left out.
    /// </summary>
    public HistoryPoint[] History(int fieldId, int minutes)
    {
        ThrowIfUnknown(fieldId);
        ArgumentOutOfRangeException.ThrowIfLessThan(minutes, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minutes, 60);
        var field = _fields[fieldId - 1];
        var constant = _constants[fieldId - 1];
        if ((field is null && double.IsNaN(constant)) || NewestTimestampMs is null)
        {
            return [];
        }

        var newest = _tenSeconds.NewestBucket;
        var points = new List<HistoryPoint>((6 * minutes) + 1);
        Span<ushort> means = stackalloc ushort[HistoryTags.Slots];
        Span<ushort> maxes = stackalloc ushort[HistoryTags.Slots];
        var unpacked = false;
        for (var bucket = newest - (6 * minutes); bucket <= newest; bucket++)
        {
            var at = DateTimeOffset.FromUnixTimeMilliseconds(bucket * TenSecondsMs);
            var slot = _tenSeconds.Find(bucket);
            if (slot >= 0)
            {
                if (field is null)
                {
                    // A constant field was measured in every row.
                    if (_tenSeconds.Rows(slot) > 0)
                    {
                        points.Add(new HistoryPoint(at, constant, constant));
                    }
                }
                else if (field.TenSeconds.Count(slot) > 0)
                {
                    points.Add(new HistoryPoint(at, field.TenSeconds.Mean(slot), field.TenSeconds.Max(slot)));
                }

                continue;
            }

            var h = BucketMath.SlotOf(bucket, HistoryTags.Slots);
            if (_historyTags is null || !_historyTags.Holds(h, bucket))
            {
                continue;
            }

            if (field is null)
            {
                points.Add(new HistoryPoint(at, constant, constant));
                continue;
            }

            if (field.History is not { } history)
            {
                // Every bucket the GPU retired so far was before this field was measured.
                continue;
            }

            if (!unpacked)
            {
                // History is packed; one pass unpacks all of it.
                history.ReadAll(means, maxes);
                unpacked = true;
            }

            var mean = history.ValueOf(means[h]);
            if (!double.IsNaN(mean))
            {
                points.Add(new HistoryPoint(at, mean, history.ValueOf(maxes[h])));
            }
        }

        return [.. points];
    }

    /// <summary>The newest 10-second bucket number (floor(newest / 10 s)); long.MinValue before the first sample.</summary>
    public long NewestTenSecondBucket => _tenSeconds.NewestBucket;

    /// <summary>
    /// Copies a 10-second bucket's exact mean and max of every field into <paramref name="means"/> and
    /// <paramref name="maxes"/> (by column; NaN where not measured). False when the live ring no longer
    /// holds the bucket (older than 5 minutes) or no sample landed in it.
    /// </summary>
    public bool TryRollup(long bucket, Span<double> means, Span<double> maxes, out int rows)
    {
        var slot = _tenSeconds.Find(bucket);
        rows = slot < 0 ? 0 : _tenSeconds.Rows(slot);
        if (rows == 0)
        {
            return false;
        }

        for (var c = 0; c < FieldCatalog.Count; c++)
        {
            var field = _fields[c];
            if (field is null)
            {
                // A constant field was measured in every row, with this one value.
                means[c] = maxes[c] = _constants[c];
            }
            else if (field.TenSeconds.Count(slot) > 0)
            {
                means[c] = field.TenSeconds.Mean(slot);
                maxes[c] = field.TenSeconds.Max(slot);
            }
            else
            {
                means[c] = maxes[c] = double.NaN;
            }
        }

        return true;
    }

    private void AddRow(long timestamp, double[] values, int offset)
    {
        var second = _seconds.Claim(BucketMath.BucketOf(timestamp, SecondMs), out var evictedSecond);
        if (second >= 0 && evictedSecond != long.MinValue)
        {
            ResetSecond(second);
            _seconds.EmptyRows(second);
        }

        var tenSeconds = _tenSeconds.Claim(BucketMath.BucketOf(timestamp, TenSecondsMs), out var evictedTen);
        if (tenSeconds >= 0 && evictedTen != long.MinValue)
        {
            // Before its rows are emptied: fields measured in every row count with them.
            RetireTenSeconds(tenSeconds, evictedTen);
            _tenSeconds.EmptyRows(tenSeconds);
        }

        if (NewestTimestampMs is not { } newest || timestamp > newest)
        {
            NewestTimestampMs = timestamp;
        }

        if (second < 0 && tenSeconds < 0)
        {
            // Too old for either ring: counted, not windowed.
            return;
        }

        for (var c = 0; c < FieldCatalog.Count; c++)
        {
            var value = values[offset + c];
            var field = _fields[c] ?? Materialize(c, value);
            if (field is null)
            {
                continue;
            }

            if (double.IsNaN(value))
            {
                field.MissRow();
                continue;
            }

            if (second >= 0)
            {
                field.Seconds.Add(second, value);
                field.SecondBins?.Add(second, value);
            }

            if (tenSeconds >= 0)
            {
                field.TenSeconds.Add(tenSeconds, value);
                field.TenSecondBins?.Add(tenSeconds, value);
            }
        }

        // Counted after the fields, so that a constant field materialized in this row does not count it twice.
        if (second >= 0)
        {
            _seconds.CountRow(second);
        }

        if (tenSeconds >= 0)
        {
            _tenSeconds.CountRow(tenSeconds);
        }

        _anyRowLanded = true;
    }

    /// <summary>
    /// The series of a field that has none yet, for a value of a landed row: null while the field stays
    /// unmeasured or constant. A field measured from the first landed row on starts constant; a different
    /// value or NaN turns it into a full series rebuilt from the constant.
    /// </summary>
    private FieldSeries? Materialize(int column, double value)
    {
        var constant = _constants[column];
        if (double.IsNaN(constant))
        {
            if (double.IsNaN(value))
            {
                return null;
            }

            if (!_anyRowLanded)
            {
                _constants[column] = value;
                return null;
            }

            // Rows landed without it: its counts are its own from the start.
            return _fields[column] = new FieldSeries(column + 1, SecondSlots, TenSecondSlots, sharedRows: null);
        }

        // Bitwise, so that a constant 0 followed by −0 is not taken for the same value.
        if (BitConverter.DoubleToInt64Bits(value) == BitConverter.DoubleToInt64Bits(constant))
        {
            return null;
        }

        _constants[column] = double.NaN;
        return _fields[column] = FieldSeries.FromConstant(column + 1, constant, _rows, _historyTags);
    }

    /// <summary>True when the field is kept as one constant value (a few bytes), for tests.</summary>
    internal bool IsConstant(int fieldId) => !double.IsNaN(_constants[fieldId - 1]);

    /// <summary>Bytes of a field's packed history blocks, used and allocated (0 without history), for the memory report.</summary>
    internal (int Used, int Allocated) HistoryPackedBytes(int fieldId) => _fields[fieldId - 1]?.History?.PackedBytes ?? (0, 0);

    private void UpdateLast(long timestamp, double[] values, int offset)
    {
        // Rows are ascending within a block, so its last row is its newest; an older block leaves the last values alone.
        if (timestamp < NewestTimestampMs)
        {
            return;
        }

        Array.Copy(values, offset, _last, 0, FieldCatalog.Count);
    }

    private void ResetSecond(int slot)
    {
        foreach (var field in _fields)
        {
            if (field is not null)
            {
                field.Seconds.Reset(slot);
                field.SecondBins?.Reset(slot);
            }
        }
    }

    private void RetireTenSeconds(int slot, long bucket)
    {
        // After a long gap an old bucket can be retired after a newer one took its history slot; keep the newer.
        var h = (_historyTags ??= new HistoryTags()).Claim(bucket);
        var toHistory = h >= 0;

        foreach (var field in _fields)
        {
            if (field is null)
            {
                continue;
            }

            var empty = field.TenSeconds.Count(slot) == 0;
            if (toHistory && !empty)
            {
                field.HistoryToWrite().Set(h, field.TenSeconds.Mean(slot), field.TenSeconds.Max(slot));
            }
            else if (toHistory)
            {
                // A history not made yet reads as unmeasured already.
                field.History?.Set(h, double.NaN, double.NaN);
            }

            field.TenSeconds.Reset(slot);
            field.TenSecondBins?.Reset(slot);
        }
    }

    private Dictionary<string, WindowStats> Window(bool inSeconds, long durationMs)
    {
        var result = new Dictionary<string, WindowStats>(StringComparer.Ordinal);
        if (NewestTimestampMs is not { } newest)
        {
            return result;
        }

        var ring = inSeconds ? _seconds : _tenSeconds;
        var first = BucketMath.BucketOf(newest - durationMs, ring.WidthMs);
        Span<int> bins = stackalloc int[HistogramRange.Bins];
        for (var c = 0; c < _fields.Length; c++)
        {
            var field = _fields[c];
            if (field is null)
            {
                AddConstant(result, c, ring, first);
                continue;
            }

            var stats = inSeconds ? field.Seconds : field.TenSeconds;
            var histograms = inSeconds ? field.SecondBins : field.TenSecondBins;
            var total = WindowAccumulator.Empty;
            bins.Clear();
            for (var bucket = first; bucket <= ring.NewestBucket; bucket++)
            {
                var slot = ring.Find(bucket);
                if (slot >= 0)
                {
                    stats.MergeInto(slot, ref total);
                    histograms?.MergeInto(slot, bins);
                }
            }

            if (total.Count > 0)
            {
                double? p95 = histograms is null ? null : Percentile.P95(bins, histograms.Range, total.Min, total.Max);
                result[FieldCatalog.All[c].Name] = total.ToStats(p95);
            }
        }

        return result;
    }

    private void AddConstant(Dictionary<string, WindowStats> result, int column, BucketRing ring, long first)
    {
        var constant = _constants[column];
        if (double.IsNaN(constant))
        {
            return;
        }

        long count = 0;
        for (var bucket = first; bucket <= ring.NewestBucket; bucket++)
        {
            var slot = ring.Find(bucket);
            if (slot >= 0)
            {
                count += ring.Rows(slot);
            }
        }

        if (count > 0)
        {
            double? p95 = HistogramRange.For(column + 1) is null ? null : constant;
            result[FieldCatalog.All[column].Name] = new WindowStats(count, constant, constant, constant, p95);
        }
    }

    private static void ThrowIfUnknown(int fieldId)
    {
        if (!FieldCatalog.IsKnown(fieldId))
        {
            throw new ArgumentOutOfRangeException(nameof(fieldId), fieldId, "Not a known field id.");
        }
    }

    private static double[] CreateNaNs()
    {
        var values = new double[FieldCatalog.Count];
        Array.Fill(values, double.NaN);
        return values;
    }
}
