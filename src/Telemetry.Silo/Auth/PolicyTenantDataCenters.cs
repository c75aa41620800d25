using Telemetry.Grains;

namespace Telemetry.Silo.Auth;

/// <summary>
/// A tenant's data centers as the rebalancing policy lists them (<c>tenantDataCenters</c>), read on every request so a
/// policy change takes effect at once. A tenant the policy does not list gets none: a tenant-scoped key sees nothing
/// until an operator names the tenant's data centers, never everything by omission.
/// </summary>
public sealed class PolicyTenantDataCenters(IGrainFactory grains) : ITenantDataCenters
{
    private static readonly IReadOnlySet<string> None = new HashSet<string>();

    public async ValueTask<IReadOnlySet<string>> GetDataCentersAsync(string tenant, CancellationToken cancellationToken)
    {
        var map = await grains.GetGrain<IRebalancerGrain>(IRebalancerGrain.Key).GetTenantDataCentersAsync();
        return map.TryGetValue(tenant, out var allowed) ? allowed.ToHashSet(StringComparer.Ordinal) : None;
    }
}
