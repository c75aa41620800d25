using Telemetry.Exporter.Simulation;
using Telemetry.Replay.Fleet;

namespace Telemetry.Replay.Live;

/// <summary>A replay node's telemetry: its simulator, guarded by a lock (the replay changes jobs while the report loop reads).</summary>
internal sealed class LiveNode(ReplayNode node, NodeSimulator simulator, int server)
{
    public ReplayNode Node { get; } = node;

    public NodeSimulator Simulator { get; } = simulator;

    public Lock Gate { get; } = new();

    /// <summary>The server it sends to first.</summary>
    public int Server { get; set; } = server;

    /// <summary>Wall ms of its next heartbeat report.</summary>
    public long DueMs { get; set; }

    /// <summary>Set when its jobs or health changed: it reports at the next tick rather than at its heartbeat.</summary>
    public bool Changed { get; set; }

    /// <summary>The send in flight, if any (a node has one body at a time).</summary>
    public Task? Sending { get; set; }
}
