namespace Telemetry.Health;

/// <summary>A health judgement: the state, why, what NVIDIA recommends doing, and since when.</summary>
[GenerateSerializer, Immutable, Alias("telemetry.HealthVerdict")]
public sealed record HealthVerdict
{
    [Id(0)] public required HealthState State { get; init; }

    /// <summary>One line per rule that fired, e.g. <c>XID 79: GPU has fallen off the bus</c>.</summary>
    [Id(1)] public string[] Reasons { get; init; } = [];

    /// <summary>The recommended action for each reason, in the same order.</summary>
    [Id(2)] public string[] RecommendedActions { get; init; } = [];

    /// <summary>When the GPU or node entered <see cref="State"/>.</summary>
    [Id(3)] public required DateTimeOffset Since { get; init; }

    public static HealthVerdict HealthySince(DateTimeOffset since) => new() { State = HealthState.Healthy, Since = since };
}
