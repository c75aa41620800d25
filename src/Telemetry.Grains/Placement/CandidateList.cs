namespace Telemetry.Grains.Placement;

/// <summary>The best few places (nodes, or GPUs of nodes) seen so far, best first; a bounded insertion list, since few candidates are asked for.</summary>
public sealed class CandidateList<T>(int capacity)
{
    private readonly List<(double Score, T Item)> _best = new(capacity + 1);

    public bool IsFull => _best.Count >= capacity;

    /// <summary>The lowest score kept; a new place must beat it once the list is full.</summary>
    public double Worst => _best.Count == 0 ? double.NegativeInfinity : _best[^1].Score;

    public IReadOnlyList<(double Score, T Item)> Best => _best;

    public void Offer(double score, T item)
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

        _best.Insert(at, (score, item));
        if (_best.Count > capacity)
        {
            _best.RemoveAt(_best.Count - 1);
        }
    }
}
