namespace Telemetry.Replay.Engines;

/// <summary>
/// How GPUs fail in a timeline replay, in trace time. Faults arrive as a Poisson process over healthy
/// GPUs; a failed GPU's node is repaired (rebooted, every GPU healthy again) after <see cref="RepairHours"/>;
/// until then its other GPUs fail at <see cref="FollowOnRatePerGpuHour"/>, because a GPU fault is often a
/// node's (power, baseboard, driver) and strikes again there — what draining a node guards against.
/// </summary>
/// <param name="RatePerGpuHour">Faults per healthy GPU-hour; 2·10⁻⁵ is Llama 3's (419 interruptions in 54 days on 16,384 GPUs).</param>
/// <param name="RepairHours">Trace hours from a node's first fault to its repair.</param>
/// <param name="FollowOnRatePerGpuHour">Faults per GPU-hour on the other GPUs of a node waiting for repair.</param>
public sealed record FaultPlan(double RatePerGpuHour, double RepairHours = 24, double FollowOnRatePerGpuHour = 0.05)
{
    /// <summary>The simulator's default rate, Llama 3's.</summary>
    public const double Llama3RatePerGpuHour = 2e-5;

    /// <summary>No faults.</summary>
    public static FaultPlan None { get; } = new(0, 24, 0);
}
