namespace Telemetry.Grains.Windows;

/// <summary>
/// One field's count, sum, min and max per slot of a <see cref="BucketRing"/>, in flat arrays so that
/// adding a value touches a few array elements and allocates nothing. Counts are ushort and min/max
/// float while they fit exactly; the first count past 65,535 or value that float cannot hold exactly
/// widens that array for good (int counts, double min/max), so every figure stays exact. Sums likewise:
/// float while every sum is exactly a float (integer-valued fields such as utilisation, temperatures, clocks
/// and memory used), double for good from the first that is not; each is computed in double either way.
/// A field measured in every row since its first keeps no counts: they are the rings' row counts
/// (<see cref="RingRows"/>) until its first unmeasured row, which gives it counts of its own.
/// </summary>
internal sealed class BucketStats
{
    private float[]? _sum;
    private double[]? _wideSum;
    private RingRows? _sharedRows;
    private ushort[]? _count;
    private int[]? _wideCount;

    // Interleaved: [2 × slot] = min, [2 × slot + 1] = max.
    private float[]? _bounds;
    private double[]? _wideBounds;

    /// <param name="size">Slots of both rings.</param>
    /// <param name="sharedRows">The rings' row counts when every row so far measured the field, else null.</param>
    public BucketStats(int size, RingRows? sharedRows)
    {
        _sum = new float[size];
        _sharedRows = sharedRows;
        _count = sharedRows is null ? new ushort[size] : null;
        _bounds = new float[2 * size];
        for (var slot = 0; slot < size; slot++)
        {
            Reset(slot);
        }
    }

    /// <summary>Adds one measured (non-NaN) value to a slot.</summary>
    public void Add(int slot, double value)
    {
        CountOne(slot);
        SetSum(slot, Sum(slot) + value);
        var i = 2 * slot;
        var narrow = (float)value;
        if (_bounds is { } bounds && narrow == value)
        {
            if (narrow < bounds[i])
            {
                bounds[i] = narrow;
            }

            if (narrow > bounds[i + 1])
            {
                bounds[i + 1] = narrow;
            }

            return;
        }

        var wide = WideBounds();
        if (value < wide[i])
        {
            wide[i] = value;
        }

        if (value > wide[i + 1])
        {
            wide[i + 1] = value;
        }
    }

    /// <summary>Sets a slot to <paramref name="count"/> samples of one value.</summary>
    public void Fill(int slot, double value, int count)
    {
        Reset(slot);
        if (count == 0)
        {
            return;
        }

        // A field with shared counts is filled with the ring's own row count.
        if (_sharedRows is null && count > ushort.MaxValue)
        {
            WideCount()[slot] = count;
        }
        else if (_count is { } narrowCount)
        {
            narrowCount[slot] = (ushort)count;
        }
        else if (_wideCount is not null)
        {
            _wideCount[slot] = count;
        }

        SetSum(slot, value * count);
        var bounds = (_bounds is not null && (float)value == value) ? null : WideBounds();
        if (bounds is null)
        {
            _bounds![2 * slot] = _bounds[(2 * slot) + 1] = (float)value;
        }
        else
        {
            bounds[2 * slot] = bounds[(2 * slot) + 1] = value;
        }
    }

    /// <summary>Empties a slot that a newer bucket has claimed.</summary>
    public void Reset(int slot)
    {
        if (_count is not null)
        {
            _count[slot] = 0;
        }
        else if (_wideCount is not null)
        {
            _wideCount[slot] = 0;
        }

        SetSum(slot, 0);
        if (_bounds is not null)
        {
            _bounds[2 * slot] = float.PositiveInfinity;
            _bounds[(2 * slot) + 1] = float.NegativeInfinity;
        }
        else
        {
            _wideBounds![2 * slot] = double.PositiveInfinity;
            _wideBounds[(2 * slot) + 1] = double.NegativeInfinity;
        }
    }

    public int Count(int slot) => _count is not null ? _count[slot] : _wideCount?[slot] ?? _sharedRows!.Rows(slot);

    /// <summary>The slot's mean; NaN when empty.</summary>
    public double Mean(int slot) => Count(slot) == 0 ? double.NaN : Sum(slot) / Count(slot);

    public double Max(int slot) => _bounds is not null ? _bounds[(2 * slot) + 1] : _wideBounds![(2 * slot) + 1];

    /// <summary>Folds a slot into a window total.</summary>
    public void MergeInto(int slot, ref WindowAccumulator total)
    {
        var i = 2 * slot;
        if (_bounds is not null)
        {
            total.Merge(Count(slot), Sum(slot), _bounds[i], _bounds[i + 1]);
        }
        else
        {
            total.Merge(Count(slot), Sum(slot), _wideBounds![i], _wideBounds[i + 1]);
        }
    }

    /// <summary>
    /// Called on a row that did not measure the field: from now on its counts differ from the row counts, so it
    /// takes a copy of them (the row being added is not counted yet) and counts its own samples.
    /// </summary>
    public void OwnCounts()
    {
        if (_sharedRows is not { } rows)
        {
            return;
        }

        var counts = new int[_sum?.Length ?? _wideSum!.Length];
        for (var slot = 0; slot < counts.Length; slot++)
        {
            counts[slot] = rows.Rows(slot);
        }

        if (counts.AsSpan().ContainsAnyInRange(ushort.MaxValue + 1, int.MaxValue))
        {
            _wideCount = counts;
        }
        else
        {
            _count = Array.ConvertAll(counts, c => (ushort)c);
        }

        _sharedRows = null;
    }

    private double Sum(int slot) => _sum is not null ? _sum[slot] : _wideSum![slot];

    private void SetSum(int slot, double sum)
    {
        if (_sum is { } narrow && (float)sum == sum)
        {
            narrow[slot] = (float)sum;
            return;
        }

        if (_wideSum is null)
        {
            _wideSum = Array.ConvertAll(_sum!, s => (double)s);
            _sum = null;
        }

        _wideSum[slot] = sum;
    }

    private void CountOne(int slot)
    {
        if (_sharedRows is not null)
        {
            // The ring counts the row after its fields.
            return;
        }

        if (_count is { } count && count[slot] != ushort.MaxValue)
        {
            count[slot]++;
            return;
        }

        WideCount()[slot]++;
    }

    private int[] WideCount()
    {
        if (_wideCount is null)
        {
            _wideCount = Array.ConvertAll(_count!, c => (int)c);
            _count = null;
        }

        return _wideCount;
    }

    private double[] WideBounds()
    {
        if (_wideBounds is null)
        {
            _wideBounds = Array.ConvertAll(_bounds!, b => (double)b);
            _bounds = null;
        }

        return _wideBounds;
    }
}
