namespace Telemetry.Exporter.Simulation;

/// <summary>
/// Demand over the day: a shared research cluster is busiest mid-afternoon and quietest before dawn.
/// Drives both how soon idle GPUs get a new job and how hard jobs (inference above all) run.
/// </summary>
internal static class DailyLoadCurve
{
    private const double MsPerDay = 86_400_000;
    private const double PeakHour = 15;

    /// <summary>Load in [0.4, 0.9] at the given Unix time (UTC hour of day).</summary>
    public static double At(long unixMs)
    {
        var hour = (unixMs % MsPerDay) / 3_600_000.0;
        return 0.65 + (0.25 * Math.Cos(2 * Math.PI * (hour - PeakHour) / 24));
    }
}
