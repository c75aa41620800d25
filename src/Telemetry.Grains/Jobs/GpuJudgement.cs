namespace Telemetry.Grains.Jobs;

/// <summary>How one GPU compared with its job's peers in one window.</summary>
/// <param name="Uuid">The GPU.</param>
/// <param name="Lags">The signals it lags on, worst first; empty when none.</param>
/// <param name="KeepsUp">True when it is within half the lag threshold of the median on every signal compared: enough to clear a straggler.</param>
public sealed record GpuJudgement(string Uuid, SignalLag[] Lags, bool KeepsUp)
{
    /// <summary>The signal it lags most on, or null.</summary>
    public SignalLag? Worst => Lags.Length == 0 ? null : Lags[0];
}
