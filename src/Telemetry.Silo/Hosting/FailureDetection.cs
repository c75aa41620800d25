using Orleans.Configuration;

namespace Telemetry.Silo.Hosting;

/// <summary>
/// Membership settings that declare a killed silo dead within a few seconds, so its grains serve again
/// from the survivors well inside 10 s (docs/operations.md). Orleans' defaults take 15–30 s.
/// </summary>
public static class FailureDetection
{
    public static void Configure(ClusterMembershipOptions options)
    {
        // A silo that misses 2 probes of 2 s is suspected; two votes (the default) declare it dead, so one
        // silo stalled by a busy machine cannot evict another on its own.
        options.ProbeTimeout = TimeSpan.FromSeconds(2);
        options.NumMissedProbesLimit = 2;
        options.TableRefreshTimeout = TimeSpan.FromSeconds(2);
        options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);

        // Dead silos leave the table soon, so restarts on the same endpoint are not blocked by stale rows.
        options.DefunctSiloExpiration = TimeSpan.FromMinutes(5);
        options.DefunctSiloCleanupPeriod = TimeSpan.FromMinutes(1);
    }
}
