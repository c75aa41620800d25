using Telemetry.Rebalancing;

namespace Telemetry.Grains.Rebalancing;

/// <summary>One interval's outcome: new decisions (ids not yet given), alerts, and each data center's admission weight.</summary>
public sealed record RebalanceStep(
    IReadOnlyList<RebalanceDecision> Decisions,
    IReadOnlyList<RebalanceAlert> Alerts,
    IReadOnlyDictionary<string, double> Weights);
