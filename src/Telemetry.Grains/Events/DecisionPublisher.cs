using Microsoft.Extensions.Logging;
using Telemetry.Rebalancing;

namespace Telemetry.Grains.Events;

/// <summary>Hands decisions and alerts to every registered <see cref="IDecisionListener"/>; one failing listener never stops the others or the rebalancer.</summary>
public sealed class DecisionPublisher(IEnumerable<IDecisionListener> listeners, ILogger<DecisionPublisher> logger)
{
    private readonly IDecisionListener[] _listeners = [.. listeners];

    public void Publish(RebalanceDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ListenerCalls.Each(_listeners, decision, static (l, d) => l.OnDecision(d), decision.Id, logger);
    }

    public void Publish(RebalanceAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ListenerCalls.Each(_listeners, alert, static (l, a) => l.OnAlert(a), alert.DataCenter, logger);
    }
}
