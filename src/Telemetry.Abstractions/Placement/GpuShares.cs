namespace Telemetry.Placement;

/// <summary>How a GPU is divided between jobs: in thousandths (milli-GPUs), as Kubernetes GPU sharing counts it.</summary>
public static class GpuShares
{
    /// <summary>A whole GPU, in thousandths.</summary>
    public const int Whole = 1000;

    /// <summary>The smallest share a job may ask for.</summary>
    public const int MinShare = 1;

    /// <summary>The largest share a job may ask for; a whole GPU is asked for without <c>gpuMilli</c>.</summary>
    public const int MaxShare = Whole - 1;

    /// <summary>The job ids a GPU reports: one, or several separated by commas on a shared GPU; none when idle.</summary>
    public static string[] JobsOf(string? jobId) =>
        string.IsNullOrWhiteSpace(jobId) ? []
        : IsOneTrimmedJob(jobId) ? [jobId] // the common case, read for every GPU of every summary: no split
        : jobId.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static bool IsOneTrimmedJob(string jobId) =>
        !jobId.Contains(',', StringComparison.Ordinal) && !char.IsWhiteSpace(jobId[0]) && !char.IsWhiteSpace(jobId[^1]);
}
