namespace Telemetry.Silo.Sink;

/// <summary>What became of one write to the time-series database.</summary>
public enum WriteOutcome
{
    Written,

    /// <summary>Unreachable, timed out, 5xx, 408 or 429: worth trying again later.</summary>
    Retryable,

    /// <summary>Refused for good (another 4xx): trying again would be refused again.</summary>
    Rejected,
}
