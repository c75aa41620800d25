using Telemetry.Jobs;

namespace Telemetry.Grains.Jobs;

/// <summary>
/// The jobs running in one data center, as their job grains last told it. Held in memory only: jobs tell it again
/// every minute, and a listing not renewed for <see cref="Stale"/> (its job grain went with a silo) is dropped.
/// </summary>
public sealed class JobIndexGrain(TimeProvider time) : Grain, IJobIndexGrain
{
    /// <summary>A listing older than this is dropped: three missed renewals.</summary>
    public static readonly TimeSpan Stale = TimeSpan.FromMinutes(3);

    private readonly Dictionary<string, JobListing> _jobs = new(StringComparer.Ordinal);
    private int _upserts;

    public Task UpsertAsync(JobListing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        if (_jobs.TryGetValue(listing.JobId, out var kept)
            && (kept.UpdatedAt > listing.UpdatedAt || (kept.UpdatedAt == listing.UpdatedAt && kept.Version > listing.Version)))
        {
            // An older listing overtaken by a newer one on the way.
            return Task.CompletedTask;
        }

        _jobs[listing.JobId] = listing;
        if (++_upserts % 256 == 0)
        {
            // Listings whose job grain went away without removing them are forgotten, a little at a time.
            var oldest = time.GetUtcNow() - Stale;
            foreach (var stale in _jobs.Values.Where(j => j.UpdatedAt < oldest).Select(j => j.JobId).ToArray())
            {
                _jobs.Remove(stale);
            }
        }

        return Task.CompletedTask;
    }

    public Task RemoveAsync(string jobId)
    {
        _jobs.Remove(jobId);
        return Task.CompletedTask;
    }

    public Task<JobListing[]> StragglingAsync()
    {
        var oldest = time.GetUtcNow() - Stale;
        return Task.FromResult<JobListing[]>([.. _jobs.Values.Where(j => j.Stragglers.Length > 0 && j.UpdatedAt >= oldest)]);
    }

    public Task<JobListing[]> ListAsync()
    {
        var oldest = time.GetUtcNow() - Stale;
        return Task.FromResult<JobListing[]>([.. _jobs.Values.Where(j => j.UpdatedAt >= oldest).OrderBy(j => j.JobId, StringComparer.Ordinal)]);
    }
}
