namespace Telemetry.Health;

/// <summary>
/// What a GPU's health state machine must remember across a silo crash: the verdict, and each rule still
/// active with when it last fired, so sticky verdicts stay sticky and holds run out on time after failover.
/// The last minute's rates (throttling, error counters) are rebuilt from the next minute of samples.
/// </summary>
[GenerateSerializer, Immutable, Alias("telemetry.HealthMemory")]
public sealed record HealthMemory
{
    [Id(0)] public required HealthVerdict Verdict { get; init; }

    /// <summary>Active rule keys and the newest sample time (Unix ms) each fired at.</summary>
    [Id(1)] public required ActiveRuleMemory[] Active { get; init; }

    [Id(2)] public long? NewestSampleMs { get; init; }

    [Id(3)] public bool Offline { get; init; }
}
