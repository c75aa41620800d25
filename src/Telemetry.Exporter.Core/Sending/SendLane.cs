namespace Telemetry.Exporter.Sending;

/// <summary>
/// One node as the sending side sees it: the server it sticks to and its one body in flight (WIRE.md keeps one
/// body per node in flight, so a node's reports reach the servers in seq order).
/// </summary>
/// <param name="nodeId">The node id, <c>dc/host</c>.</param>
/// <param name="server">Index of the server to try first.</param>
public class SendLane(string nodeId, int server)
{
    public string NodeId => nodeId;

    /// <summary>The server this node sends to first; follows the last server that answered.</summary>
    public int Server { get; set; } = server;

    /// <summary>The body being sent, or null / completed when the node is free.</summary>
    public Task? Pending { get; set; }

    public bool IsBusy => Pending is { IsCompleted: false };

    /// <summary>Guards the direct send's hand-over to the spool (with a spool only).</summary>
    public Lock Gate { get; } = new();

    /// <summary>The body sent directly (not from the spool) and not yet settled; null when none.</summary>
    public DirectSend? Direct { get; set; }
}
