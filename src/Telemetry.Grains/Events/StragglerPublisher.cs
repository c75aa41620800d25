using Microsoft.Extensions.Logging;
using Telemetry.Jobs;

namespace Telemetry.Grains.Events;

/// <summary>Hands each straggler change to every registered <see cref="IStragglerListener"/>; one failing listener never stops the others or the job.</summary>
public sealed class StragglerPublisher(IEnumerable<IStragglerListener> listeners, ILogger<StragglerPublisher> logger)
{
    private readonly IStragglerListener[] _listeners = [.. listeners];

    public void Publish(StragglerChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        ListenerCalls.Each(_listeners, change, static (l, c) => l.OnStragglerChanged(c), change.Uuid, logger);
    }
}
