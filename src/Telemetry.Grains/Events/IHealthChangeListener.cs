using Telemetry.Health;

namespace Telemetry.Grains.Events;

/// <summary>
/// Told of every health change judged on this silo (the InfluxDB sink, the live stream).
/// Called on the grain's turn: an implementation only hands the change on (a queue, a one-way call) and never blocks or throws.
/// </summary>
public interface IHealthChangeListener
{
    void OnHealthChanged(HealthChange change);
}
