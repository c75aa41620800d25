namespace Telemetry.Grains.Windows;

/// <summary>
/// One ring's slots inside a field's <see cref="BucketStats"/>: both rings of a field share one set of arrays
/// (fewer objects per GPU), the 1-second ring's slots first, then the 10-second ring's.
/// </summary>
internal readonly struct RingStats(BucketStats stats, int offset)
{
    public void Add(int slot, double value) => stats.Add(offset + slot, value);

    public void Fill(int slot, double value, int count) => stats.Fill(offset + slot, value, count);

    public void Reset(int slot) => stats.Reset(offset + slot);

    public int Count(int slot) => stats.Count(offset + slot);

    /// <summary>The slot's mean; NaN when empty.</summary>
    public double Mean(int slot) => stats.Mean(offset + slot);

    public double Max(int slot) => stats.Max(offset + slot);

    /// <summary>Folds a slot into a window total.</summary>
    public void MergeInto(int slot, ref WindowAccumulator total) => stats.MergeInto(offset + slot, ref total);
}
