namespace Telemetry.Replay.Engines;

/// <summary>A task's state in a timeline replay.</summary>
internal sealed class QueuedTask(ReplayTask task, double remainingSeconds)
{
    public ReplayTask Task { get; } = task;

    /// <summary>Trace seconds of work left; a fault restarts it from the full run time.</summary>
    public double RemainingSeconds { get; set; } = remainingSeconds;

    /// <summary>When it last joined the queue.</summary>
    public double QueuedAt { get; set; }

    public double StartedAt { get; set; }

    public double EndsAt { get; set; }

    /// <summary>Counts its runs, so a departure of an earlier run is ignored.</summary>
    public int Run { get; set; }

    /// <summary>True once it ran at least once.</summary>
    public bool EverStarted { get; set; }
}
