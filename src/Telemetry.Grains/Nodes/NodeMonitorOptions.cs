namespace Telemetry.Grains.Nodes;

/// <summary>How node grains watch their exporters and report to their data center (<c>Telemetry:Nodes</c>).</summary>
public sealed class NodeMonitorOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Telemetry:Nodes";

    /// <summary>How often a node grain checks for silence and pending summaries. Default 2 s.</summary>
    public TimeSpan CheckPeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Silence shorter than this never makes a node offline, whatever its report interval. Default 10 s.</summary>
    public TimeSpan MinOfflineAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A node's summary is re-sent at least this often even when nothing changed. Default 10 s.</summary>
    public TimeSpan SummaryHeartbeat { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Newest sample older than its report's receive time by more than this marks the node degraded (clock skew). Default 30 s.</summary>
    public TimeSpan MaxClockLag { get; set; } = TimeSpan.FromSeconds(30);
}
