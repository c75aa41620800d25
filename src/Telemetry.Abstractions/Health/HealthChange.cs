namespace Telemetry.Health;

/// <summary>A GPU or a node moved from one health state to another: the event operators follow.</summary>
[GenerateSerializer, Immutable, Alias("telemetry.HealthChange")]
public sealed record HealthChange
{
    /// <summary>When the change was judged (silo time).</summary>
    [Id(0)] public required DateTimeOffset At { get; init; }

    /// <summary>Whose health changed.</summary>
    [Id(1)] public required HealthSubject Subject { get; init; }

    /// <summary>The GPU's UUID, or the node's id for a node.</summary>
    [Id(2)] public required string Id { get; init; }

    /// <summary>The node (<c>&lt;datacenter&gt;/&lt;host&gt;</c>) the GPU is in, or the node itself.</summary>
    [Id(3)] public required string Node { get; init; }

    [Id(4)] public required string DataCenter { get; init; }

    [Id(5)] public required HealthState From { get; init; }

    /// <summary>The new verdict, with its reasons and recommended actions.</summary>
    [Id(6)] public required HealthVerdict To { get; init; }
}
