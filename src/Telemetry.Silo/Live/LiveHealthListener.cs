using Telemetry.Grains.Events;
using Telemetry.Grains.Live;
using Telemetry.Health;

namespace Telemetry.Silo.Live;

/// <summary>Puts every health change judged on this silo into the live feed.</summary>
public sealed class LiveHealthListener(LiveFeedWriter writer) : IHealthChangeListener
{
    public void OnHealthChanged(HealthChange change) => writer.PostHealth(change);
}
