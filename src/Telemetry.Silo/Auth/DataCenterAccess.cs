using System.Security.Claims;

namespace Telemetry.Silo.Auth;

/// <summary>Resolves which data centers the caller of a request may see and place in.</summary>
public sealed class DataCenterAccess(ITenantDataCenters tenants)
{
    public async ValueTask<VisibleDataCenters> ForAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        // Reached only after authorization; a request without a caller sees nothing rather than everything.
        if (ApiCaller.From(user) is not { } caller)
        {
            return VisibleDataCenters.None;
        }

        return caller.Tenant is { } tenant
            ? VisibleDataCenters.Only(await tenants.GetDataCentersAsync(tenant, cancellationToken))
            : VisibleDataCenters.All;
    }
}
