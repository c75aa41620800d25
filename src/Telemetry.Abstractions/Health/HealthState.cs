namespace Telemetry.Health;

/// <summary>A GPU's or node's health, worst last.</summary>
public enum HealthState
{
    Healthy = 0,
    Degraded = 1,
    Unhealthy = 2,

    /// <summary>No report for 3 × the node's report interval (at least <c>Telemetry:Nodes:MinOfflineAfter</c>, 10 s by default).</summary>
    Offline = 3,
}
