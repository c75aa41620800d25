namespace Telemetry.Health;

/// <summary>A health rule that is still active: its key and the newest sample time (Unix ms) it fired at.</summary>
[GenerateSerializer, Immutable, Alias("telemetry.ActiveRuleMemory")]
public sealed record ActiveRuleMemory([property: Id(0)] string Key, [property: Id(1)] long LastSeenMs);
