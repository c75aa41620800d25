namespace Telemetry.Rebalancing;

/// <summary>One rebalancing decision (API.md, <c>GET /api/v1/rebalance/decisions</c>), with the signals and thresholds behind it.</summary>
[GenerateSerializer, Immutable, Alias("telemetry.RebalanceDecision")]
public sealed record RebalanceDecision
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required DateTimeOffset At { get; init; }
    [Id(2)] public required DecisionKind Kind { get; init; }
    [Id(3)] public string? From { get; init; }
    [Id(4)] public string? To { get; init; }
    [Id(5)] public string? Node { get; init; }
    [Id(6)] public string? JobId { get; init; }
    [Id(7)] public int? Gpus { get; init; }
    [Id(8)] public required string Reason { get; init; }

    /// <summary>The measured values and the thresholds they were compared with, by name.</summary>
    [Id(9)] public required IReadOnlyDictionary<string, double> Signals { get; init; }
    [Id(10)] public DecisionStatus Status { get; init; } = DecisionStatus.Proposed;

    /// <summary>True when the policy was in dry-run mode: recorded and published, not applied.</summary>
    [Id(11)] public bool DryRun { get; init; }

    /// <summary>For a shift: the admission weight the decision sets on its data center.</summary>
    [Id(12)] public double? AdmissionWeight { get; init; }

    /// <summary>For a migration: the job's tenant, when a placement named it.</summary>
    [Id(13)] public string? Tenant { get; init; }

    /// <summary>For a drain or undrain: the jobs on the node, each with its tenant when known.</summary>
    [Id(14)] public DecisionJob[] Jobs { get; init; } = [];

    /// <summary>For a shift: every data center's shares and admission weight before and after it.</summary>
    [Id(15)] public DataCenterWeight[] DataCenters { get; init; } = [];

    /// <summary>Who decided: null for the rebalancer, the API key's name for an operator's action.</summary>
    [Id(16)] public string? By { get; init; }

    /// <summary>For a health clear: the GPU's UUID.</summary>
    [Id(17)] public string? Gpu { get; init; }
}
