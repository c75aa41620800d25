namespace Telemetry.Benchmarks.Memory;

/// <summary>The cost of one or more rounds of reports: wall time and the silo's CPU time (user + system).</summary>
/// <param name="Reports">Reports sent.</param>
/// <param name="Wall">Wall-clock time.</param>
/// <param name="CpuSeconds">The silo's CPU-seconds over that time.</param>
internal readonly record struct RoundCost(long Reports, TimeSpan Wall, double CpuSeconds)
{
    /// <summary>Reports per wall-clock second.</summary>
    public double ReportsPerSecond => Reports / Wall.TotalSeconds;

    /// <summary>Silo CPU milliseconds per report.</summary>
    public double CpuMsPerReport => Reports == 0 ? double.NaN : CpuSeconds * 1000 / Reports;

    public static RoundCost operator +(RoundCost a, RoundCost b) => new(a.Reports + b.Reports, a.Wall + b.Wall, a.CpuSeconds + b.CpuSeconds);
}
