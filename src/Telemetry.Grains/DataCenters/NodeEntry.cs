using Telemetry.Health;
using Telemetry.State;

namespace Telemetry.Grains.DataCenters;

/// <summary>
/// A node's last summary as its data center holds it.
/// </summary>
/// <param name="Summary">The summary the node grain sent, or the remembered one after a restore.</param>
/// <param name="ReceivedAt">When it arrived (for a restored entry: shifted past the time the data center could not hear).</param>
/// <param name="Blind">For a restored entry, how long the data center could not hear its nodes; zero once the node is heard again.</param>
internal readonly record struct NodeEntry(NodeSummary Summary, DateTimeOffset ReceivedAt, TimeSpan Blind)
{
    /// <summary>
    /// The node grain keeps sending heartbeats while its exporter is silent, so a fresh summary alone proves nothing:
    /// the exporter's last report must be recent too, and the grain must not have judged the node offline. Time the
    /// data center spent unable to hear (<see cref="Blind"/>) proves nothing either, so it does not count as silence.
    /// </summary>
    public bool IsReporting(DateTimeOffset now, TimeSpan staleAfter) =>
        now - ReceivedAt <= staleAfter
        && Summary.Health != HealthState.Offline
        && Summary.LastReportAt is { } last && now - (last + Blind) <= staleAfter;
}
