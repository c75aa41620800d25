namespace Telemetry.Grains.Placement;

/// <summary>
/// One GPU model's shared GPUs that take another fraction, ordered by free share, least first: a query for a
/// fraction reads from the tightest GPU it fits on upward, so the best fit is the first eligible one.
/// </summary>
public sealed class SharedSlots
{
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

    private readonly SortedSet<SharedSlot> _slots = new(TightestFirst);

    public int Count => _slots.Count;

    public void Add(IEnumerable<SharedSlot> slots) => _slots.UnionWith(slots);

    public void Remove(IEnumerable<SharedSlot> slots) => _slots.ExceptWith(slots);

    /// <summary>The slots with at least <paramref name="milli"/> free, tightest first.</summary>
    public IEnumerable<SharedSlot> Fitting(int milli) =>
        _slots.Count == 0 || _slots.Max.FreeMilli < milli
            ? []
            : _slots.GetViewBetween(SharedSlot.LowerBound(milli), _slots.Max);
}
