namespace Telemetry.Grains.Jobs;

/// <summary>A GPU below its job's median on one signal, by more than the job's spread allows.</summary>
/// <param name="Signal">The signal.</param>
/// <param name="Value">The GPU's 10-second mean.</param>
/// <param name="JobMedian">The median of the job's GPUs in the same window.</param>
public sealed record SignalLag(StragglerSignal Signal, double Value, double JobMedian)
{
    /// <summary>How far below the median, as a share of it (0–1).</summary>
    public double Shortfall => (JobMedian - Value) / JobMedian;

    /// <summary>The reason line, e.g. <c>sm_active 0.35 vs job median 0.90 for 30 s</c>.</summary>
    public string Describe(TimeSpan lasting) =>
        $"{Signal.Name} {Signal.Format(Value)} vs job median {Signal.Format(JobMedian)} for {(int)lasting.TotalSeconds} s";
}
