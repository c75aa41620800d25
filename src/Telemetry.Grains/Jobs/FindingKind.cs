namespace Telemetry.Grains.Jobs;

/// <summary>What a job window said about a GPU.</summary>
public enum FindingKind
{
    /// <summary>It has lagged long enough: it is a straggler now.</summary>
    Became,

    /// <summary>It is still a straggler (its health rule is refreshed).</summary>
    Still,

    /// <summary>It is no longer a straggler: it kept up again, left the job, or the job became too small to compare.</summary>
    Cleared,
}
