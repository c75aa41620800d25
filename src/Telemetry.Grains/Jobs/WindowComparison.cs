namespace Telemetry.Grains.Jobs;

/// <summary>One window of a job compared: whether it could be judged, the job's medians, and each GPU's judgement.</summary>
/// <param name="Judged">False when too few GPUs reported or the peers were not busy: the window is no evidence either way.</param>
/// <param name="Medians">The job's median of each of <see cref="StragglerSignals.All"/>, in that order; NaN where not measured.</param>
/// <param name="Gpus">Each GPU's judgement; empty when not <paramref name="Judged"/>.</param>
public sealed record WindowComparison(bool Judged, double[] Medians, GpuJudgement[] Gpus);
