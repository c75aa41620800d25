using Telemetry.Silo.Auth;

namespace Telemetry.Silo.Tests.Access;

/// <summary>Tenant <c>acme</c> may use the data centers named here; every other tenant none.</summary>
internal sealed class FakeTenantDataCenters(params string[] acme) : ITenantDataCenters
{
    public ValueTask<IReadOnlySet<string>> GetDataCentersAsync(string tenant, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlySet<string>>(tenant == TestKeys.Tenant ? new HashSet<string>(acme) : []);
}
