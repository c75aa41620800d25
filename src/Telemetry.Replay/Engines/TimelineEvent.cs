using Telemetry.Replay.Fleet;

namespace Telemetry.Replay.Engines;

/// <summary>Something that happens at a trace time in a timeline replay.</summary>
internal abstract record TimelineEvent(double At)
{
    internal sealed record Arrival(double At, QueuedTask Task) : TimelineEvent(At);

    /// <summary>A run ends; ignored when the task has moved or failed since (its run number changed).</summary>
    internal sealed record Departure(double At, QueuedTask Task, int Run) : TimelineEvent(At);

    /// <summary>A GPU fails; a null GPU is the fleet-wide process, which picks one and draws its next time.</summary>
    internal sealed record Fault(double At, ReplayGpu? Gpu) : TimelineEvent(At);

    internal sealed record Repair(double At, ReplayNode Node) : TimelineEvent(At);
}
