using Telemetry.Rebalancing;

namespace Telemetry.Grains.Rebalancing;

/// <summary>What the rebalancer keeps durably: its policy, memory, decisions, alerts and the tenants of placed jobs.</summary>
[GenerateSerializer, Alias("telemetry.RebalancerState")]
public sealed class RebalancerState
{
    [Id(0)] public RebalancePolicy Policy { get; set; } = new();
    [Id(1)] public RebalancerMemory Memory { get; set; } = new();
    [Id(2)] public List<RebalanceDecision> Decisions { get; set; } = [];
    [Id(3)] public long NextSeq { get; set; } = 1;
    [Id(4)] public List<RebalanceAlert> Alerts { get; set; } = [];

    /// <summary>Job id → tenant, as placements with a reservation said.</summary>
    [Id(5)] public Dictionary<string, string> JobTenants { get; set; } = new(StringComparer.Ordinal);
}
