using Telemetry.Rebalancing;

namespace Telemetry.Grains.Rebalancing;

/// <summary>What the rebalancer keeps durably: its policy, memory, decisions and alerts. Jobs keep their own tenants.</summary>
[GenerateSerializer, Alias("telemetry.RebalancerState")]
public sealed class RebalancerState
{
    [Id(0)] public RebalancePolicy Policy { get; set; } = new();
    [Id(1)] public RebalancerMemory Memory { get; set; } = new();
    [Id(2)] public List<RebalanceDecision> Decisions { get; set; } = [];
    [Id(3)] public long NextSeq { get; set; } = 1;
    [Id(4)] public List<RebalanceAlert> Alerts { get; set; } = [];

    // Id 5 held job id → tenant before each job grain kept its own; a stored state that still has it reads without it.
}
