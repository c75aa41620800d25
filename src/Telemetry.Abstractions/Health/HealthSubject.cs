namespace Telemetry.Health;

/// <summary>What a <see cref="HealthChange"/> is about.</summary>
public enum HealthSubject
{
    Gpu,
    Node,
}
