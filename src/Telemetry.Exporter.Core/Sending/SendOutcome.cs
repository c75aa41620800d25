namespace Telemetry.Exporter.Sending;

/// <summary>How sending one body ended.</summary>
public enum SendOutcome
{
    /// <summary>A 2xx answer (202 by the contract): the reports were applied or were duplicates.</summary>
    Accepted,

    /// <summary>A 4xx other than 429: the body is wrong and retrying it cannot help.</summary>
    Rejected,

    /// <summary>Every attempt allowed failed (refused, 503, 429, timeout): the body is still to be delivered.</summary>
    Unavailable,

    /// <summary>The run stopped before the body was accepted or rejected.</summary>
    Cancelled,
}
