using Telemetry.Grains.Events;
using Telemetry.Grains.Live;
using Telemetry.Rebalancing;
using Telemetry.Wire;

namespace Telemetry.Silo.Live;

/// <summary>Puts every rebalancing decision (new, acknowledged, expired) on the live feed as a <c>decision</c> event, and every alert as an <c>alert</c> event.</summary>
public sealed class LiveDecisionListener(LiveFeedWriter feed) : IDecisionListener
{
    public void OnDecision(RebalanceDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        string?[] concerned = [decision.From, decision.To, decision.Node is { } node ? NodeIds.DataCenterOf(node) : null];
        feed.PostDecision(decision, [.. concerned.OfType<string>().Distinct(StringComparer.Ordinal)]);
    }

    public void OnAlert(RebalanceAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        feed.PostAlert(alert, alert.DataCenter);
    }
}
