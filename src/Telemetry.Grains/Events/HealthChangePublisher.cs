using Microsoft.Extensions.Logging;
using Telemetry.Health;

namespace Telemetry.Grains.Events;

/// <summary>Hands each health change to every registered <see cref="IHealthChangeListener"/>; one failing listener never stops the others or the grain.</summary>
public sealed partial class HealthChangePublisher(IEnumerable<IHealthChangeListener> listeners, ILogger<HealthChangePublisher> logger)
{
    private readonly IHealthChangeListener[] _listeners = [.. listeners];

    public void Publish(HealthChange change)
    {
        foreach (var listener in _listeners)
        {
            try
            {
                listener.OnHealthChanged(change);
            }
#pragma warning disable CA1031 // A listener's fault must not fail the report that caused the change.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogListenerFailed(e, listener.GetType().Name, change.Id);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Health change listener {Listener} failed on {Id}")]
    private partial void LogListenerFailed(Exception exception, string listener, string id);
}
