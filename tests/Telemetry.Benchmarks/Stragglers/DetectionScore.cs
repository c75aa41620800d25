using Telemetry.Exporter.Simulation;

namespace Telemetry.Benchmarks.Stragglers;

/// <summary>How well detection matched the ground truth.</summary>
/// <param name="Injected">Straggler faults that lasted at least a minute (shorter ones cannot be held to the goal).</param>
/// <param name="DetectedInTime">Of those, found within 60 s of sample time from the fault's first sample.</param>
/// <param name="DetectedLate">Found, but later than 60 s.</param>
/// <param name="LatenciesSeconds">Detection latency of each one found, seconds of sample time.</param>
/// <param name="FalseStragglers">GPUs found stragglers while they had no fault.</param>
/// <param name="HealthyGpuHours">GPU-hours of GPUs without a fault in jobs of 4 GPUs or more.</param>
/// <param name="ByKind">Per kind of fault: those lasting at least a minute, and those found within 60 s.</param>
internal sealed record DetectionScore(int Injected, int DetectedInTime, int DetectedLate, double[] LatenciesSeconds, int FalseStragglers, double HealthyGpuHours, IReadOnlyDictionary<StragglerKind, (int Injected, int InTime)> ByKind)
{
    public double DetectedShare => Injected == 0 ? double.NaN : (double)DetectedInTime / Injected;

    public double FalsePerTenThousandGpuHours => HealthyGpuHours <= 0 ? double.NaN : FalseStragglers * 10_000 / HealthyGpuHours;
}
