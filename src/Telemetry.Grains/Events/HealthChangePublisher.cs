using Microsoft.Extensions.Logging;
using Telemetry.Health;

namespace Telemetry.Grains.Events;

/// <summary>Hands each health change to every registered <see cref="IHealthChangeListener"/>; one failing listener never stops the others or the grain.</summary>
public sealed class HealthChangePublisher(IEnumerable<IHealthChangeListener> listeners, ILogger<HealthChangePublisher> logger)
{
    private readonly IHealthChangeListener[] _listeners = [.. listeners];

    public void Publish(HealthChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        ListenerCalls.Each(_listeners, change, static (l, c) => l.OnHealthChanged(c), change.Id, logger);
    }
}
