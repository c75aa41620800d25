namespace Telemetry.Benchmarks.Memory;

/// <summary>The cost of one or more rounds of reports: wall time, the silo's CPU time (user + system) and what it allocated.</summary>
/// <param name="Reports">Reports sent.</param>
/// <param name="Wall">Wall-clock time.</param>
/// <param name="CpuSeconds">The silo's CPU-seconds over that time.</param>
/// <param name="AllocatedBytes">Bytes the silo allocated on its managed heap over that time (NaN for a peer).</param>
internal readonly record struct RoundCost(long Reports, TimeSpan Wall, double CpuSeconds, double AllocatedBytes)
{
    /// <summary>Reports per wall-clock second.</summary>
    public double ReportsPerSecond => Reports / Wall.TotalSeconds;

    /// <summary>Silo CPU milliseconds per report.</summary>
    public double CpuMsPerReport => Reports == 0 ? double.NaN : CpuSeconds * 1000 / Reports;

    /// <summary>Kilobytes allocated per report (the silo's request path and whatever ran beside it, timers included).</summary>
    public double AllocatedKBPerReport => Reports == 0 ? double.NaN : AllocatedBytes / 1000 / Reports;

    public static RoundCost operator +(RoundCost a, RoundCost b) =>
        new(a.Reports + b.Reports, a.Wall + b.Wall, a.CpuSeconds + b.CpuSeconds, a.AllocatedBytes + b.AllocatedBytes);
}
