using Telemetry.Grains.Events;
using Telemetry.Grains.Live;
using Telemetry.Rebalancing;
using Telemetry.Wire;

namespace Telemetry.Silo.Live;

/// <summary>Puts every rebalancing decision (new, acknowledged, expired) on the live feed as a <c>decision</c> event.</summary>
public sealed class LiveDecisionListener(LiveFeedWriter feed) : IDecisionListener
{
    public void OnDecision(RebalanceDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        string?[] concerned = [decision.From, decision.To, decision.Node is { } node ? NodeIds.DataCenterOf(node) : null];
        feed.PostDecision(decision, [.. concerned.OfType<string>().Distinct(StringComparer.Ordinal)]);
    }

    // The stream carries health, decisions and summaries (API.md); alerts are read at /api/v1/rebalance/alerts.
    public void OnAlert(RebalanceAlert alert)
    {
    }
}
