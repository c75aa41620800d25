namespace Telemetry.Grains.Windows;

/// <summary>
/// A GPU's row counts per slot of both rings, in the layout of a field's <see cref="BucketStats"/> (the
/// 1-second ring's slots first, then the 10-second ring's): the counts of every field measured in every row.
/// </summary>
internal sealed class RingRows(BucketRing seconds, BucketRing tenSeconds)
{
    public BucketRing Seconds { get; } = seconds;

    public BucketRing TenSeconds { get; } = tenSeconds;

    /// <summary>Rows counted in slot <paramref name="slot"/> of the combined layout.</summary>
    public int Rows(int slot) => slot < Seconds.Size ? Seconds.Rows(slot) : TenSeconds.Rows(slot - Seconds.Size);
}
