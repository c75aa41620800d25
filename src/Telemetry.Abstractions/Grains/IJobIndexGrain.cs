using Orleans.Concurrency;
using Telemetry.Jobs;

namespace Telemetry.Grains;

/// <summary>The jobs running in one data center, keyed by the data center's name, for <c>GET /api/v1/jobs</c>.</summary>
[Alias("telemetry.IJobIndexGrain")]
public interface IJobIndexGrain : IGrainWithStringKey
{
    /// <summary>A job tells the index about itself: when it changes, and at least every minute while it runs.</summary>
    [Alias("Upsert"), OneWay]
    Task UpsertAsync(JobListing listing);

    /// <summary>The job has no GPU left in this data center.</summary>
    [Alias("Remove"), OneWay]
    Task RemoveAsync(string jobId);

    /// <summary>The jobs listed with at least one straggler, for the rebalancer: few, where the full list may be thousands.</summary>
    [Alias("Straggling"), ReadOnly]
    Task<JobListing[]> StragglingAsync();

    /// <summary>Every job listed, by job id.</summary>
    [Alias("List"), ReadOnly]
    Task<JobListing[]> ListAsync();
}
