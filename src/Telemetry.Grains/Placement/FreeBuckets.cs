namespace Telemetry.Grains.Placement;

/// <summary>
/// One GPU model's nodes of a data center, bucketed by free GPU count; each bucket ordered coolest first
/// (most headroom), so a query reads only the first few nodes of the buckets that can win.
/// </summary>
public sealed class FreeBuckets
{
    private static readonly Comparer<IndexedNode> CoolestFirst = Comparer<IndexedNode>.Create((a, b) =>
    {
        var byHeadroom = b.Summary.Headroom.CompareTo(a.Summary.Headroom);
        return byHeadroom != 0 ? byHeadroom : string.CompareOrdinal(a.Id, b.Id);
    });

    private readonly List<SortedSet<IndexedNode>> _byFree = [];

    /// <summary>One more than the most free GPUs a bucket can hold.</summary>
    public int Count => _byFree.Count;

    /// <summary>Nodes with exactly <paramref name="free"/> free GPUs, coolest first.</summary>
    public SortedSet<IndexedNode> this[int free]
    {
        get
        {
            while (_byFree.Count <= free)
            {
                _byFree.Add(new SortedSet<IndexedNode>(CoolestFirst));
            }

            return _byFree[free];
        }
    }
}
