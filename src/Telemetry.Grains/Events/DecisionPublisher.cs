using Microsoft.Extensions.Logging;
using Telemetry.Rebalancing;

namespace Telemetry.Grains.Events;

/// <summary>Hands decisions and alerts to every registered <see cref="IDecisionListener"/>; one failing listener never stops the others or the rebalancer.</summary>
public sealed partial class DecisionPublisher(IEnumerable<IDecisionListener> listeners, ILogger<DecisionPublisher> logger)
{
    private readonly IDecisionListener[] _listeners = [.. listeners];

    public void Publish(RebalanceDecision decision) => Each(l => l.OnDecision(decision), decision.Id);

    public void Publish(RebalanceAlert alert) => Each(l => l.OnAlert(alert), alert.DataCenter);

    private void Each(Action<IDecisionListener> call, string id)
    {
        foreach (var listener in _listeners)
        {
            try
            {
                call(listener);
            }
#pragma warning disable CA1031 // A listener's fault must not stop the rebalancer.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogListenerFailed(e, listener.GetType().Name, id);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Decision listener {Listener} failed on {Id}")]
    private partial void LogListenerFailed(Exception exception, string listener, string id);
}
