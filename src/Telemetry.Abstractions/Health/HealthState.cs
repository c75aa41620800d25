namespace Telemetry.Health;

/// <summary>A GPU's or node's health, worst last.</summary>
public enum HealthState
{
    Healthy = 0,
    Degraded = 1,
    Unhealthy = 2,

    /// <summary>No report for 3 × the node's report interval (at least 10 s).</summary>
    Offline = 3,
}
