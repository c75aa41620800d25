namespace Telemetry.Grains.Windows;

/// <summary>
/// Which 10-second bucket each history slot holds, shared by every field of a GPU. Slot = bucket mod
/// <see cref="Slots"/>; tags are int offsets from the first bucket retired (int.MinValue: none), which
/// spans some 680 years of 10-second buckets either way.
/// </summary>
internal sealed class HistoryTags
{
    /// <summary>
    /// 330 slots: an hour is 361 buckets, of which the newest 31 are still in the 10-second ring;
    /// a slot is reused only once its bucket has left the hour.
    /// </summary>
    public const int Slots = 330;

    private const int Empty = int.MinValue;

    private readonly int[] _tags = new int[Slots];
    private long _base = long.MinValue;

    public HistoryTags() => Array.Fill(_tags, Empty);

    /// <summary>True when slot <paramref name="slot"/> holds <paramref name="bucket"/>.</summary>
    public bool Holds(int slot, long bucket) => _tags[slot] != Empty && Offset(bucket) is { } offset && _tags[slot] == offset;

    /// <summary>True when <paramref name="slot"/> ever held a bucket.</summary>
    public bool IsUsed(int slot) => _tags[slot] != Empty;

    /// <summary>
    /// Claims the slot of a retired <paramref name="bucket"/> unless it holds a newer one (an old bucket
    /// can be retired after a newer one took its slot, after a long gap). Returns the slot, or −1.
    /// </summary>
    public int Claim(long bucket)
    {
        if (_base == long.MinValue)
        {
            _base = bucket;
        }

        if (Offset(bucket) is not { } offset)
        {
            if (bucket < _base)
            {
                return -1;
            }

            // Centuries past the base: everything held is long out of the hour.
            Array.Fill(_tags, Empty);
            _base = bucket;
            offset = 0;
        }

        var slot = BucketMath.SlotOf(bucket, Slots);
        if (_tags[slot] != Empty && _tags[slot] >= offset)
        {
            return -1;
        }

        _tags[slot] = offset;
        return slot;
    }

    private int? Offset(long bucket)
    {
        if (_base == long.MinValue)
        {
            return null;
        }

        var offset = bucket - _base;
        return offset is > Empty and <= int.MaxValue ? (int)offset : null;
    }
}
