using Telemetry.Jobs;

namespace Telemetry.Grains.Jobs;

/// <summary>One GPU of a job as the detector follows it.</summary>
internal sealed class JobMember(JobWindow first)
{
    /// <summary>Its newest window.</summary>
    public JobWindow Latest { get; set; } = first;

    /// <summary>Windows in a row it lagged.</summary>
    public int LagStreak { get; set; }

    /// <summary>Windows in a row it kept up, while a straggler.</summary>
    public int KeepUpStreak { get; set; }

    /// <summary>The lag it was found a straggler on; null while it is not one.</summary>
    public SignalLag? Found { get; set; }

    public string Reason { get; set; } = "";

    public string Action { get; set; } = "";

    /// <summary>Its lags in the newest window judged.</summary>
    public SignalLag[] Lags { get; set; } = [];

    public long LastBucket => Latest.BucketStartMs / StragglerDetector.WindowMs;
}
