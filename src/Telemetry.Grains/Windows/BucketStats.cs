namespace Telemetry.Grains.Windows;

/// <summary>
/// One field's count, sum, min and max per slot of a <see cref="BucketRing"/>, as flat arrays
/// so that adding a value touches four array elements and allocates nothing.
/// </summary>
internal sealed class BucketStats
{
    private readonly int[] _count;
    private readonly double[] _sum;
    private readonly double[] _min;
    private readonly double[] _max;

    public BucketStats(int size)
    {
        _count = new int[size];
        _sum = new double[size];
        _min = new double[size];
        _max = new double[size];
        Array.Fill(_min, double.PositiveInfinity);
        Array.Fill(_max, double.NegativeInfinity);
    }

    /// <summary>Adds one measured (non-NaN) value to a slot.</summary>
    public void Add(int slot, double value)
    {
        _count[slot]++;
        _sum[slot] += value;
        if (value < _min[slot])
        {
            _min[slot] = value;
        }

        if (value > _max[slot])
        {
            _max[slot] = value;
        }
    }

    /// <summary>Empties a slot that a newer bucket has claimed.</summary>
    public void Reset(int slot)
    {
        _count[slot] = 0;
        _sum[slot] = 0;
        _min[slot] = double.PositiveInfinity;
        _max[slot] = double.NegativeInfinity;
    }

    public int Count(int slot) => _count[slot];

    /// <summary>The slot's mean; NaN when empty.</summary>
    public double Mean(int slot) => _count[slot] == 0 ? double.NaN : _sum[slot] / _count[slot];

    public double Max(int slot) => _max[slot];

    /// <summary>Folds a slot into a window total.</summary>
    public void MergeInto(int slot, ref WindowAccumulator total) =>
        total.Merge(_count[slot], _sum[slot], _min[slot], _max[slot]);
}
