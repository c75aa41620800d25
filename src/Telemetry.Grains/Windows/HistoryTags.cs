namespace Telemetry.Grains.Windows;

/// <summary>
/// Which 10-second bucket each history slot holds, shared by every field of a GPU. Slot = bucket mod
/// <see cref="Slots"/>, so a slot's bucket is known from its lap, floor(bucket / <see cref="Slots"/>): tags
/// are laps, as ushort offsets from a base lap (<see cref="ushort.MaxValue"/>: none). Offsets span some
/// 6.8 years of 10-second buckets; a bucket past that moves the base up to the lap before its own,
/// keeping the slots of that lap and its own (the newest hour) and emptying the older ones.
/// </summary>
internal sealed class HistoryTags
{
    /// <summary>
    /// 330 slots: an hour is 361 buckets, of which the newest 31 are still in the 10-second ring;
    /// a slot is reused only once its bucket has left the hour.
    /// </summary>
    public const int Slots = 330;

    private const ushort Empty = ushort.MaxValue;
    private const long MaxOffset = ushort.MaxValue - 1;

    private readonly ushort[] _laps = new ushort[Slots];
    private long _baseLap = long.MinValue;

    public HistoryTags() => Array.Fill(_laps, Empty);

    /// <summary>True when slot <paramref name="slot"/> holds <paramref name="bucket"/>.</summary>
    public bool Holds(int slot, long bucket) =>
        _laps[slot] != Empty && BucketMath.SlotOf(bucket, Slots) == slot && Offset(bucket) is { } offset && _laps[slot] == offset;

    /// <summary>True when <paramref name="slot"/> ever held a bucket.</summary>
    public bool IsUsed(int slot) => _laps[slot] != Empty;

    /// <summary>
    /// Claims the slot of a retired <paramref name="bucket"/> unless it holds a newer one (an old bucket
    /// can be retired after a newer one took its slot, after a long gap). Returns the slot, or −1.
    /// </summary>
    public int Claim(long bucket)
    {
        var lap = LapOf(bucket);
        if (_baseLap == long.MinValue)
        {
            _baseLap = lap;
        }

        if (lap < _baseLap)
        {
            return -1;
        }

        if (lap - _baseLap > MaxOffset)
        {
            Rebase(lap - 1);
        }

        var slot = BucketMath.SlotOf(bucket, Slots);
        var offset = (ushort)(lap - _baseLap);
        if (_laps[slot] != Empty && _laps[slot] >= offset)
        {
            return -1;
        }

        _laps[slot] = offset;
        return slot;
    }

    private static long LapOf(long bucket) => (bucket - BucketMath.SlotOf(bucket, Slots)) / Slots;

    private ushort? Offset(long bucket)
    {
        if (_baseLap == long.MinValue)
        {
            return null;
        }

        var offset = LapOf(bucket) - _baseLap;
        return offset is >= 0 and <= MaxOffset ? (ushort)offset : null;
    }

    private void Rebase(long baseLap)
    {
        for (var slot = 0; slot < Slots; slot++)
        {
            var lap = _baseLap + _laps[slot];
            _laps[slot] = _laps[slot] != Empty && lap >= baseLap ? (ushort)(lap - baseLap) : Empty;
        }

        _baseLap = baseLap;
    }
}
