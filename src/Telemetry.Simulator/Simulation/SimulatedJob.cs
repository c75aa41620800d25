namespace Telemetry.Exporter.Simulation;

/// <summary>A workload holding some GPUs of one node, with the knobs that shape its signals.</summary>
internal sealed class SimulatedJob
{
    public required string Id { get; init; }

    public required JobKind Kind { get; init; }

    public required int GpuCount { get; init; }

    public required long StartedAtMs { get; init; }

    /// <summary>When the job ends; moved earlier when a fault kills it.</summary>
    public required long EndsAtMs { get; set; }

    /// <summary>Compute load at full demand, 0–1.</summary>
    public required double Intensity { get; init; }

    /// <summary>Share of SMs busy while the GPU is busy (DCGM sm_active / gpu_util).</summary>
    public required double SmEfficiency { get; init; }

    /// <summary>Share of active SM time in the tensor pipes.</summary>
    public required double TensorShare { get; init; }

    /// <summary>Share of framebuffer the job allocates.</summary>
    public required double MemoryShare { get; init; }

    /// <summary>Memory copy utilization at full load, %.</summary>
    public required double MemCopyPct { get; init; }

    /// <summary>Share of host-link bandwidth used at full load.</summary>
    public required double PcieShare { get; init; }

    /// <summary>Share of NVLink bandwidth used at full load; 0 for single-GPU jobs.</summary>
    public required double NvlinkShare { get; init; }

    /// <summary>Training only: time between checkpoints, ms.</summary>
    public required long CheckpointEveryMs { get; init; }

    /// <summary>Training only: how long a checkpoint stalls compute, ms.</summary>
    public required long CheckpointForMs { get; init; }

    /// <summary>One of its GPUs has a straggler fault (at most one a job, so the job's median stays its healthy GPUs').</summary>
    public bool HasStraggler { get; set; }

    /// <summary>True while the job is writing a checkpoint at <paramref name="t"/>.</summary>
    public bool IsCheckpointing(long t) =>
        Kind == JobKind.Training && (t - StartedAtMs) % CheckpointEveryMs >= CheckpointEveryMs - CheckpointForMs;
}
