namespace Telemetry.Grains.Jobs;

/// <summary>How a job judges its stragglers (<c>Telemetry:Stragglers</c>); docs/health.md gives the rule.</summary>
public sealed class StragglerOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Telemetry:Stragglers";

    /// <summary>Jobs with fewer GPUs reporting a window are not compared: a median of two or three says nothing. Default 4.</summary>
    public int MinGpus { get; set; } = 4;

    /// <summary>Windows in a row a GPU must lag before it is a straggler. Default 3 (30 s).</summary>
    public int LagWindows { get; set; } = 3;

    /// <summary>Windows in a row a straggler must keep up before it is cleared. Default 3 (30 s).</summary>
    public int ClearWindows { get; set; } = 3;

    /// <summary>A lag must exceed this many robust standard deviations (1.4826 × MAD) of the job's GPUs. Default 4.</summary>
    public double SpreadMultiplier { get; set; } = 4;

    /// <summary>A lag must also exceed this share of the job's median, so a tight job's tiny spread flags no noise. Default 0.2.</summary>
    public double MinRelativeGap { get; set; } = 0.2;

    /// <summary>The job's peers are busy when their median sm_active is at least this. Default 0.2.</summary>
    public double BusySmActive { get; set; } = 0.2;

    /// <summary>Where sm_active is not measured, peers are busy when their median gpu_util_pct is at least this. Default 20.</summary>
    public double BusyGpuUtilPct { get; set; } = 20;

    /// <summary>A GPU that sends no window for this many windows has left the job. Default 6 (60 s).</summary>
    public int ExpireWindows { get; set; } = 6;
}
