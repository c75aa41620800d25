namespace Telemetry.Replay.Engines;

/// <summary>
/// How GPUs fail in a timeline replay, in trace time. Faults arrive as a Poisson process over healthy
/// GPUs; a failed GPU's node is repaired (rebooted, every GPU healthy again) after <see cref="RepairHours"/>;
/// until then its other GPUs fail at <see cref="FollowOnRatePerGpuHour"/>, because a GPU fault is often a
/// node's (power, baseboard, driver) and strikes again there — what draining a node guards against.
/// </summary>
/// <param name="RatePerGpuHour">Faults per healthy GPU-hour; null: Llama 3's rate scaled so the replay's window sees <see cref="ScaledFaults"/>.</param>
/// <param name="RepairHours">Trace hours from a node's first fault to its repair.</param>
/// <param name="FollowOnRatePerGpuHour">Faults per GPU-hour on the other GPUs of a node waiting for repair.</param>
public sealed record FaultPlan(double? RatePerGpuHour, double RepairHours = 1, double FollowOnRatePerGpuHour = 0.15)
{
    /// <summary>Llama 3's rate: 419 interruptions in 54 days on 16,384 GPUs, about 2·10⁻⁵ per GPU-hour (the simulator's default).</summary>
    public const double Llama3RatePerGpuHour = 2e-5;

    /// <summary>Faults the scaled default aims for over the window (a few hundred, so the figures are not noise).</summary>
    public const double ScaledFaults = 300;

    /// <summary>No faults.</summary>
    public static FaultPlan None { get; } = new(0, 1, 0);

    /// <summary>The rate for a window of <paramref name="gpuHours"/> GPU-hours.</summary>
    public double RateFor(double gpuHours) => RatePerGpuHour ?? Math.Max(Llama3RatePerGpuHour, ScaledFaults / Math.Max(1, gpuHours));
}
