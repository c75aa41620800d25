using Telemetry.Placement;

namespace Telemetry.Grains.Placement;

/// <summary>
/// One GPU model's shared GPUs that take another fraction, ordered by free share, least first: a query for a
/// fraction reads from the tightest GPU it fits on upward, so the best fit is the first eligible one.
/// </summary>
/// <remarks>
/// Bucketed by free share in steps of <see cref="Step"/> thousandths, each bucket sorted: a query starts at its
/// own bucket without a range view (a <see cref="SortedSet{T}"/> view counts its range on creation).
/// </remarks>
public sealed class SharedSlots
{
    /// <summary>Width of one bucket, thousandths of a GPU.</summary>
    public const int Step = 10;

    private static readonly Comparer<SharedSlot> TightestFirst = Comparer<SharedSlot>.Create((a, b) =>
    {
        var byFree = a.FreeMilli.CompareTo(b.FreeMilli);
        if (byFree != 0)
        {
            return byFree;
        }

        var byNode = string.CompareOrdinal(a.NodeId, b.NodeId);
        return byNode != 0 ? byNode : string.CompareOrdinal(a.Uuid, b.Uuid);
    });

    private readonly SortedSet<SharedSlot>?[] _byFree = new SortedSet<SharedSlot>?[(GpuShares.Whole / Step) + 1];

    public int Count { get; private set; }

    public void Add(IEnumerable<SharedSlot> slots)
    {
        foreach (var slot in slots)
        {
            if ((_byFree[Bucket(slot.FreeMilli)] ??= new SortedSet<SharedSlot>(TightestFirst)).Add(slot))
            {
                Count++;
            }
        }
    }

    public void Remove(IEnumerable<SharedSlot> slots)
    {
        foreach (var slot in slots)
        {
            if (_byFree[Bucket(slot.FreeMilli)]?.Remove(slot) == true)
            {
                Count--;
            }
        }
    }

    /// <summary>
    /// The non-empty buckets that may hold slots with at least <paramref name="milli"/> free, tightest first, each with
    /// the range of free thousandths it covers (its first may also hold slots with less than <paramref name="milli"/>).
    /// </summary>
    public IEnumerable<(int Lowest, int Highest, SortedSet<SharedSlot> Slots)> Buckets(int milli)
    {
        for (var bucket = Bucket(milli); bucket < _byFree.Length && Count > 0; bucket++)
        {
            if (_byFree[bucket] is { Count: > 0 } slots)
            {
                yield return (bucket * Step, Math.Min((bucket * Step) + Step - 1, GpuShares.Whole - 1), slots);
            }
        }
    }

    private static int Bucket(int freeMilli) => Math.Clamp(freeMilli, 0, GpuShares.Whole) / Step;
}
