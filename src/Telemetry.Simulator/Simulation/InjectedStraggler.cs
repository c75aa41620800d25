namespace Telemetry.Exporter.Simulation;

/// <summary>Ground truth: a straggler fault the simulator injected, so detection can be scored.</summary>
/// <param name="Uuid">The GPU.</param>
/// <param name="Node">Its node.</param>
/// <param name="JobId">The job it held back.</param>
/// <param name="JobGpus">GPUs in that job.</param>
/// <param name="Kind">What went wrong.</param>
/// <param name="StartMs">First sample with the fault, Unix ms.</param>
public sealed record InjectedStraggler(string Uuid, string Node, string JobId, int JobGpus, StragglerKind Kind, long StartMs)
{
    /// <summary>Last sample time with the fault (the job ended or the GPU left it); <see cref="long.MaxValue"/> while it lasts.</summary>
    public long EndMs { get; set; } = long.MaxValue;
}
