namespace Telemetry.Rebalancing;

/// <summary>Where a decision stands with the schedulers.</summary>
public enum DecisionStatus
{
    Proposed,
    Acknowledged,
    Expired,
}
