namespace Telemetry.Replay.Trace;

/// <summary>One task (pod) of a trace.</summary>
/// <param name="Name">The task's name, e.g. <c>openb-pod-0000</c>.</param>
/// <param name="Gpus">GPUs asked for (<c>num_gpu</c>), 0–8.</param>
/// <param name="GpuMilli">With one GPU: the share of it, 1–1000 thousandths; 1000 for whole GPUs.</param>
/// <param name="Models">The trace models it may run on (<c>gpu_spec</c>); empty for any.</param>
/// <param name="CreatedAt">Creation time, trace seconds; null when the sampling has no time columns.</param>
/// <param name="DeletedAt">Deletion time, trace seconds; null when the sampling has no time columns.</param>
public sealed record TraceTask(string Name, int Gpus, int GpuMilli, IReadOnlyList<string> Models, long? CreatedAt, long? DeletedAt)
{
    /// <summary>GPU demand in thousandths of a GPU.</summary>
    public long DemandMilli => Gpus == 1 ? GpuMilli : Gpus * 1000L;

    /// <summary>True when the task shares one GPU with others.</summary>
    public bool IsFractional => Gpus == 1 && GpuMilli < 1000;

    /// <summary>Run time in trace seconds; null without time columns.</summary>
    public long? Duration => CreatedAt is { } c && DeletedAt is { } d ? Math.Max(0, d - c) : null;
}
