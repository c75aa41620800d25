namespace Telemetry.Grains.Health;

/// <summary>A rule that has fired and still counts: when it last fired (sample time, Unix ms) and how long it holds after that.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="LastSeenMs">The newest sample time it fired at.</param>
/// <param name="Hold">How long it stays active after <paramref name="LastSeenMs"/>; null: until cleared (sticky).</param>
internal sealed record ActiveRule(HealthRule Rule, long LastSeenMs, TimeSpan? Hold)
{
    public bool ExpiredAt(long newestMs) => Hold is { } hold && newestMs - LastSeenMs >= (long)hold.TotalMilliseconds;
}
