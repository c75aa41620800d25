using Orleans.Concurrency;
using Telemetry.Rebalancing;

namespace Telemetry.Grains;

/// <summary>The fleet's rebalancer (key <c>fleet</c>): decisions on a timer, their list and acknowledgements, and the policy.</summary>
[Alias("telemetry.IRebalancerGrain")]
public interface IRebalancerGrain : IGrainWithStringKey
{
    /// <summary>The single key of the rebalancer.</summary>
    public const string Key = "fleet";

    [Alias("GetPolicy"), ReadOnly]
    Task<RebalancePolicy> GetPolicyAsync();

    /// <summary>Replaces the policy when it is valid; answers the problems (each naming its field) otherwise, and changes nothing.</summary>
    [Alias("SetPolicy")]
    Task<string[]> SetPolicyAsync(RebalancePolicy policy);

    /// <summary>
    /// Tenant → data centers it may run in; a tenant not in the map may run anywhere. For API-key tenant
    /// scoping as much as for placement.
    /// </summary>
    [Alias("GetTenantDataCenters"), ReadOnly]
    Task<IReadOnlyDictionary<string, string[]>> GetTenantDataCentersAsync();

    /// <summary>Decisions newer than <paramref name="since"/>, newest first, at most <paramref name="limit"/>.</summary>
    [Alias("GetDecisions"), ReadOnly]
    Task<RebalanceDecision[]> GetDecisionsAsync(DateTimeOffset? since, int limit);

    /// <summary>Marks a decision acknowledged; null when there is no decision <paramref name="id"/>.</summary>
    [Alias("Acknowledge")]
    Task<RebalanceDecision?> AcknowledgeAsync(string id);

    /// <summary>Alerts raised (a tripped breaker, a dark data center), newest first.</summary>
    [Alias("GetAlerts"), ReadOnly]
    Task<RebalanceAlert[]> GetAlertsAsync();

    /// <summary>
    /// An operator drains or undrains a node by hand (<see cref="DecisionKind.Drain"/> or <see cref="DecisionKind.Undrain"/>):
    /// applied at once, even in dry run, and recorded; a manual drain is never undone by the rebalancer, and a manual undrain
    /// is not overruled until the node has been clean. Null when the node has never reported.
    /// </summary>
    [Alias("OperatorDrain")]
    Task<RebalanceDecision?> OperatorDrainAsync(OperatorAction action);

    /// <summary>Records an operator's health clear of a GPU (<see cref="DecisionKind.Clear"/>), which the GPU grain carried out.</summary>
    [Alias("RecordClear")]
    Task<RebalanceDecision> RecordClearAsync(OperatorAction action, string[] clearedReasons);

    /// <summary>Runs one interval now (operators' tools and tests); the timer runs them anyway.</summary>
    [Alias("RunOnce")]
    Task<RebalanceDecision[]> RunOnceAsync();
}
