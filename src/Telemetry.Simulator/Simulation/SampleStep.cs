namespace Telemetry.Exporter.Simulation;

/// <summary>
/// How far each lagged quantity moves toward its target over one sample step: first-order lags with
/// time constants that match what DCGM shows (utilization jumps, power settles in about a second,
/// temperature over tens of seconds). Computed once per report, not per sample.
/// </summary>
internal readonly record struct SampleStep(double UtilAlpha, double PowerAlpha, double TempAlpha, double FbAlpha)
{
    private const double UtilTauMs = 400;
    private const double PowerTauMs = 1_500;
    private const double TempTauMs = 40_000;
    private const double FbTauMs = 3_000;

    public static SampleStep For(double dtMs) =>
        new(Alpha(dtMs, UtilTauMs), Alpha(dtMs, PowerTauMs), Alpha(dtMs, TempTauMs), Alpha(dtMs, FbTauMs));

    private static double Alpha(double dtMs, double tauMs) => dtMs <= 0 ? 0 : 1 - Math.Exp(-dtMs / tauMs);
}
