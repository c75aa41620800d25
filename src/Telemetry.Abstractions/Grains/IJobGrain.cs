using Orleans.Concurrency;
using Telemetry.Jobs;

namespace Telemetry.Grains;

/// <summary>One job, keyed by its job id: its GPUs' 10-second summaries, compared to find the one holding it back.</summary>
[Alias("telemetry.IJobGrain")]
public interface IJobGrain : IGrainWithStringKey
{
    /// <summary>A GPU of the job closed a 10-second bucket; the GPU joins the job with its first window.</summary>
    [Alias("ReportWindow"), OneWay]
    Task ReportWindowAsync(JobWindow window);

    /// <summary>A GPU of the job closed several 10-second buckets in one report (it spans more than 10 s), oldest first.</summary>
    [Alias("ReportWindows"), OneWay]
    Task ReportWindowsAsync(JobWindow[] windows);

    /// <summary>The GPU stopped running the job (another job, idle, or offline).</summary>
    [Alias("Leave"), OneWay]
    Task LeaveAsync(string uuid);

    /// <summary>Remembers the job's tenant, as placement knows it.</summary>
    [Alias("SetTenant")]
    Task SetTenantAsync(string tenant);

    /// <summary>The job's tenant as placement told it; null when it was never placed with one. Kept in storage, so it survives the grain.</summary>
    [Alias("GetTenant"), ReadOnly]
    Task<string?> GetTenantAsync();

    /// <summary>The job's GPUs side by side; null when no GPU has reported it.</summary>
    [Alias("GetSnapshot"), ReadOnly]
    Task<JobSnapshot?> GetSnapshotAsync();
}
