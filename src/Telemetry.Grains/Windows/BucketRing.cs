namespace Telemetry.Grains.Windows;

/// <summary>
/// The bucket bookkeeping shared by every field of one ring: which bucket number each slot holds
/// the newest bucket seen, and how many rows (samples) landed in each slot, which is every constant
/// field's count. The per-field numbers live in <see cref="BucketStats"/> arrays of the same size.
/// </summary>
internal sealed class BucketRing
{
    private readonly long[] _tags;
    private readonly int[] _rows;

    public BucketRing(long widthMs, int size)
    {
        WidthMs = widthMs;
        _tags = new long[size];
        _rows = new int[size];
        Array.Fill(_tags, long.MinValue);
    }

    /// <summary>Bucket width, milliseconds.</summary>
    public long WidthMs { get; }

    /// <summary>Number of slots; the ring keeps buckets NewestBucket − Size + 1 … NewestBucket.</summary>
    public int Size => _tags.Length;

    /// <summary>The newest bucket number seen; long.MinValue before the first sample.</summary>
    public long NewestBucket { get; private set; } = long.MinValue;

    /// <summary>The bucket number slot <paramref name="slot"/> holds, or long.MinValue when never used.</summary>
    public long TagAt(int slot) => _tags[slot];

    /// <summary>Rows that landed in slot <paramref name="slot"/>'s bucket.</summary>
    public int Rows(int slot) => _rows[slot];

    /// <summary>Counts one row in a slot.</summary>
    public void CountRow(int slot) => _rows[slot]++;

    /// <summary>
    /// Zeroes the row count of a slot that <see cref="Claim"/> gave to a newer bucket; called once the
    /// evicted bucket is retired, since fields measured in every row read their counts from here.
    /// </summary>
    public void EmptyRows(int slot) => _rows[slot] = 0;

    /// <summary>The slot holding <paramref name="bucket"/>, or −1 when the slot holds another bucket.</summary>
    public int Find(long bucket)
    {
        var slot = BucketMath.SlotOf(bucket, _tags.Length);
        return _tags[slot] == bucket ? slot : -1;
    }

    /// <summary>
    /// Finds the slot for <paramref name="bucket"/>, claiming it when it holds an older bucket.
    /// Returns −1 when the bucket is older than the ring's span (the sample is dropped from this ring).
    /// </summary>
    /// <param name="bucket">The sample's bucket number.</param>
    /// <param name="evicted">
    /// The bucket the claimed slot held before (long.MinValue when it was unused or not claimed); its rows stay
    /// counted until <see cref="EmptyRows"/>.
    /// </param>
    public int Claim(long bucket, out long evicted)
    {
        evicted = long.MinValue;
        if (bucket > NewestBucket)
        {
            NewestBucket = bucket;
        }
        else if (bucket <= NewestBucket - _tags.Length)
        {
            return -1;
        }

        var slot = BucketMath.SlotOf(bucket, _tags.Length);
        if (_tags[slot] != bucket)
        {
            // Inside the span a slot can only hold an older bucket (bucket − k × Size), never a newer one.
            evicted = _tags[slot];
            _tags[slot] = bucket;
        }

        return slot;
    }
}
