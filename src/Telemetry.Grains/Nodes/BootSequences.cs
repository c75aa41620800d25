namespace Telemetry.Grains.Nodes;

/// <summary>
/// The last applied seq of a node's most recent exporter instances (bootIds). WIRE.md scopes seq by
/// (node id, bootId); remembering a few earlier instances, not only the newest, means a late retry from
/// an exporter that has since restarted is still recognised as a duplicate.
/// </summary>
public sealed class BootSequences
{
    /// <summary>Exporter instances remembered per node.</summary>
    public const int Capacity = 4;

    // Newest last; small enough that a linear scan beats any map.
    private readonly List<(string BootId, ulong Seq)> _boots = new(Capacity);

    /// <summary>The newest exporter instance, or null before the first report.</summary>
    public string? CurrentBootId => _boots.Count == 0 ? null : _boots[^1].BootId;

    /// <summary>The newest instance's last applied seq.</summary>
    public ulong CurrentSeq => _boots.Count == 0 ? 0 : _boots[^1].Seq;

    /// <summary>The remembered instances, oldest first, for durable storage.</summary>
    public List<BootSeq> Export() => [.. _boots.Select(b => new BootSeq(b.BootId, b.Seq))];

    /// <summary>Carries on from instances written by <see cref="Export"/>.</summary>
    public void Import(IEnumerable<BootSeq> boots)
    {
        _boots.Clear();
        foreach (var boot in boots.TakeLast(Capacity))
        {
            _boots.Add((boot.BootId, boot.Seq));
        }
    }

    /// <summary>True when (bootId, seq) is not newer than what was applied for that bootId.</summary>
    public bool IsReplay(string bootId, ulong seq)
    {
        foreach (var (known, last) in _boots)
        {
            if (string.Equals(known, bootId, StringComparison.Ordinal))
            {
                return seq <= last;
            }
        }

        return false;
    }

    /// <summary>Records (bootId, seq) as applied; the instance becomes the newest.</summary>
    public void Record(string bootId, ulong seq)
    {
        var i = _boots.FindIndex(b => string.Equals(b.BootId, bootId, StringComparison.Ordinal));
        if (i >= 0)
        {
            _boots.RemoveAt(i);
        }
        else if (_boots.Count == Capacity)
        {
            _boots.RemoveAt(0);
        }

        _boots.Add((bootId, seq));
    }
}
