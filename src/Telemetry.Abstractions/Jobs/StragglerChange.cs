namespace Telemetry.Jobs;

/// <summary>A GPU became a straggler of its job, or stopped being one: a <c>straggler</c> event and point.</summary>
[GenerateSerializer, Immutable, Alias("telemetry.StragglerChange")]
public sealed record StragglerChange
{
    /// <summary>When the job judged it (server time).</summary>
    [Id(0)] public required DateTimeOffset At { get; init; }

    [Id(1)] public required string JobId { get; init; }

    [Id(2)] public string? Tenant { get; init; }

    [Id(3)] public required string Uuid { get; init; }

    /// <summary>The GPU's node, <c>&lt;datacenter&gt;/&lt;host&gt;</c>.</summary>
    [Id(4)] public required string Node { get; init; }

    [Id(5)] public required string DataCenter { get; init; }

    /// <summary>True: it became a straggler; false: it keeps up again (or left the job).</summary>
    [Id(6)] public required bool Straggler { get; init; }

    /// <summary>The lagging signal (e.g. <c>sm_active</c>); the one it lagged on when it cleared.</summary>
    [Id(7)] public required string Signal { get; init; }

    /// <summary>The GPU's 10-second mean of <see cref="Signal"/>.</summary>
    [Id(8)] public required double Value { get; init; }

    /// <summary>The job's median of <see cref="Signal"/> in the same window.</summary>
    [Id(9)] public required double JobMedian { get; init; }

    /// <summary>The reason as the GPU's health shows it; for a clear, why it cleared.</summary>
    [Id(10)] public required string Reason { get; init; }

    /// <summary>The recommended action; empty for a clear.</summary>
    [Id(11)] public required string Action { get; init; }
}
