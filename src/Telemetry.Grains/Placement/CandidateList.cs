namespace Telemetry.Grains.Placement;

/// <summary>The best few nodes seen so far, best first; a bounded insertion list, since few candidates are asked for.</summary>
public sealed class CandidateList(int capacity)
{
    private readonly List<(double Score, IndexedNode Node)> _best = new(capacity + 1);

    public bool IsFull => _best.Count >= capacity;

    /// <summary>The lowest score kept; a new node must beat it once the list is full.</summary>
    public double Worst => _best.Count == 0 ? double.NegativeInfinity : _best[^1].Score;

    public IReadOnlyList<(double Score, IndexedNode Node)> Best => _best;

    public void Offer(double score, IndexedNode node)
    {
        if (IsFull && score <= Worst)
        {
            return;
        }

        var at = _best.Count;
        while (at > 0 && _best[at - 1].Score < score)
        {
            at--;
        }

        _best.Insert(at, (score, node));
        if (_best.Count > capacity)
        {
            _best.RemoveAt(_best.Count - 1);
        }
    }
}
