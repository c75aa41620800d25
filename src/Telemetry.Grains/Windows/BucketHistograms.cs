namespace Telemetry.Grains.Windows;

/// <summary>
/// One field's p95 histograms, one per slot of a <see cref="BucketRing"/>, in one flat ushort array
/// (slot × <see cref="HistogramRange.Bins"/>). A bin saturates at 65,535 samples, far above a
/// bucket's 100 samples at 10 Hz.
/// </summary>
internal sealed class BucketHistograms
{
    private readonly ushort[] _bins;

    public BucketHistograms(HistogramRange range, int size)
    {
        Range = range;
        _bins = new ushort[size * HistogramRange.Bins];
    }

    public HistogramRange Range { get; }

    public void Add(int slot, double value)
    {
        var i = (slot * HistogramRange.Bins) + Range.BinOf(value);
        if (_bins[i] != ushort.MaxValue)
        {
            _bins[i]++;
        }
    }

    public void Reset(int slot) => Array.Clear(_bins, slot * HistogramRange.Bins, HistogramRange.Bins);

    /// <summary>Adds a slot's bins into a window total of <see cref="HistogramRange.Bins"/> counts.</summary>
    public void MergeInto(int slot, Span<int> total)
    {
        var bins = _bins.AsSpan(slot * HistogramRange.Bins, HistogramRange.Bins);
        for (var i = 0; i < bins.Length; i++)
        {
            total[i] += bins[i];
        }
    }
}
