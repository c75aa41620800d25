namespace Telemetry.Grains.Windows;

/// <summary>
/// One field's p95 histograms, one per slot of a <see cref="BucketRing"/>, in one flat array
/// (slot × <see cref="HistogramRange.Bins"/>). Counts are bytes until a bin of a bucket reaches 255
/// samples (a 10-second bucket at 10 Hz holds 100), then ushort for good; a ushort bin saturates at 65,535.
/// </summary>
internal sealed class BucketHistograms
{
    private byte[]? _bins;
    private ushort[]? _wideBins;

    public BucketHistograms(HistogramRange range, int size)
    {
        Range = range;
        _bins = new byte[size * HistogramRange.Bins];
    }

    public HistogramRange Range { get; }

    public void Add(int slot, double value) => Add(slot, value, 1);

    /// <summary>Adds <paramref name="count"/> samples of one value to a slot.</summary>
    public void Add(int slot, double value, int count)
    {
        var i = (slot * HistogramRange.Bins) + Range.BinOf(value);
        if (_bins is { } bins && bins[i] + count <= byte.MaxValue)
        {
            bins[i] += (byte)count;
            return;
        }

        if (_wideBins is null)
        {
            _wideBins = Array.ConvertAll(_bins!, b => (ushort)b);
            _bins = null;
        }

        _wideBins[i] = (ushort)Math.Min(_wideBins[i] + count, ushort.MaxValue);
    }

    public void Reset(int slot)
    {
        if (_bins is not null)
        {
            Array.Clear(_bins, slot * HistogramRange.Bins, HistogramRange.Bins);
        }
        else
        {
            Array.Clear(_wideBins!, slot * HistogramRange.Bins, HistogramRange.Bins);
        }
    }

    /// <summary>Adds a slot's bins into a window total of <see cref="HistogramRange.Bins"/> counts.</summary>
    public void MergeInto(int slot, Span<int> total)
    {
        var start = slot * HistogramRange.Bins;
        if (_bins is not null)
        {
            var bins = _bins.AsSpan(start, HistogramRange.Bins);
            for (var i = 0; i < bins.Length; i++)
            {
                total[i] += bins[i];
            }
        }
        else
        {
            var bins = _wideBins.AsSpan(start, HistogramRange.Bins);
            for (var i = 0; i < bins.Length; i++)
            {
                total[i] += bins[i];
            }
        }
    }
}
