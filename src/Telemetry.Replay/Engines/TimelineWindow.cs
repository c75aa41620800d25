namespace Telemetry.Replay.Engines;

/// <summary>
/// The trace seconds a timeline replay covers. Tasks created before <see cref="From"/> and deleted after
/// it arrive at <see cref="From"/>; the run stops at <see cref="Until"/> (null: the trace's last time).
/// </summary>
public sealed record TimelineWindow(double? From = null, double? Until = null)
{
    public static TimelineWindow Whole { get; } = new();
}
