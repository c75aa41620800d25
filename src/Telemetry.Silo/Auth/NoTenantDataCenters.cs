namespace Telemetry.Silo.Auth;

/// <summary>The fail-closed default of <see cref="ITenantDataCenters"/>: no tenant may use any data center.</summary>
public sealed class NoTenantDataCenters : ITenantDataCenters
{
    private static readonly IReadOnlySet<string> None = new HashSet<string>();

    public ValueTask<IReadOnlySet<string>> GetDataCentersAsync(string tenant, CancellationToken cancellationToken) => ValueTask.FromResult(None);
}
