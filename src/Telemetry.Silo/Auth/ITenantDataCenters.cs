namespace Telemetry.Silo.Auth;

/// <summary>
/// Which data centers a tenant may use (the rebalancing policy says). A tenant-scoped API key sees and places
/// only in these; the registered <see cref="PolicyTenantDataCenters"/> reads them from the rebalancing policy.
/// </summary>
public interface ITenantDataCenters
{
    /// <summary>The data center ids <paramref name="tenant"/> may use; empty when none or the tenant is unknown.</summary>
    ValueTask<IReadOnlySet<string>> GetDataCentersAsync(string tenant, CancellationToken cancellationToken);
}
