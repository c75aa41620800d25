using System.Collections.Concurrent;

namespace Telemetry.Cluster.Tests;

/// <summary>What one simulated node sent and what the cluster answered.</summary>
internal sealed class NodeLedger(string nodeId, int home)
{
    private long _lastAcceptedTicks;

    public string NodeId { get; } = nodeId;

    /// <summary>The silo this node's exporter tries first, so its grains start there.</summary>
    public int Home { get; } = home;

    /// <summary>Reports answered 202 (each seq once).</summary>
    public int Delivered { get; set; }

    /// <summary>Reports the answers said were applied, and duplicates.</summary>
    public int Applied { get; set; }

    public int Duplicates { get; set; }

    public ConcurrentDictionary<string, int> Failures { get; } = new();

    public DateTime LastAcceptedAt
    {
        get => new(Interlocked.Read(ref _lastAcceptedTicks), DateTimeKind.Utc);
        set => Interlocked.Exchange(ref _lastAcceptedTicks, value.Ticks);
    }
}
