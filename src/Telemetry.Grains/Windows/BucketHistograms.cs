namespace Telemetry.Grains.Windows;

/// <summary>
/// One field's p95 histograms, one per slot of a <see cref="BucketRing"/>. While every bucket holds at most
/// a few samples (a slot's list capacity: a 1 Hz exporter puts 1 in a 1-second bucket and 10 in a 10-second
/// one), each slot keeps its samples' bin numbers, one byte each; the first bucket with more turns the ring
/// into full histograms of <see cref="HistogramRange.Bins"/> counts a slot for good. Counts are bytes until a
/// bin of a bucket reaches 255 samples (a 10-second bucket at 10 Hz holds 100), then ushort for good; a ushort
/// bin saturates at 65,535. Either way a window's merged histogram is the same.
/// </summary>
internal sealed class BucketHistograms
{
    private const byte NoBin = byte.MaxValue;

    private readonly int _size;
    private readonly int _listCapacity;

    // Lists: slot × _listCapacity bin numbers, NoBin after a slot's last sample.
    private byte[]? _lists;
    private byte[]? _bins;
    private ushort[]? _wideBins;

    /// <summary>A ring of <paramref name="size"/> empty slots, each listing up to <paramref name="listCapacity"/> samples before the ring turns to full histograms.</summary>
    public BucketHistograms(HistogramRange range, int size, int listCapacity)
    {
        Range = range;
        _size = size;
        _listCapacity = listCapacity;
        _lists = new byte[size * listCapacity];
        Array.Fill(_lists, NoBin);
    }

    public HistogramRange Range { get; }

    public void Add(int slot, double value) => Add(slot, value, 1);

    /// <summary>Adds <paramref name="count"/> samples of one value to a slot.</summary>
    public void Add(int slot, double value, int count)
    {
        var bin = Range.BinOf(value);
        if (_lists is { } lists)
        {
            var list = lists.AsSpan(slot * _listCapacity, _listCapacity);
            var used = list.IndexOf(NoBin) is var free and >= 0 ? free : _listCapacity;
            if (used + count <= _listCapacity)
            {
                list.Slice(used, count).Fill((byte)bin);
                return;
            }

            ToHistograms();
        }

        var i = (slot * HistogramRange.Bins) + bin;
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
        if (_lists is not null)
        {
            _lists.AsSpan(slot * _listCapacity, _listCapacity).Fill(NoBin);
        }
        else if (_bins is not null)
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
        if (_lists is not null)
        {
            foreach (var bin in _lists.AsSpan(slot * _listCapacity, _listCapacity))
            {
                if (bin == NoBin)
                {
                    break;
                }

                total[bin]++;
            }

            return;
        }

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

    private void ToHistograms()
    {
        // A list holds fewer than 255 samples, so byte counts hold it.
        var bins = new byte[_size * HistogramRange.Bins];
        for (var slot = 0; slot < _size; slot++)
        {
            foreach (var bin in _lists.AsSpan(slot * _listCapacity, _listCapacity))
            {
                if (bin == NoBin)
                {
                    break;
                }

                bins[(slot * HistogramRange.Bins) + bin]++;
            }
        }

        _bins = bins;
        _lists = null;
    }
}
