namespace Telemetry.Replay.Fleet;

/// <summary>
/// Which tenants the replay's tasks run for and where each may run. Each task is given a tenant by
/// its share (seeded); a tenant without data centers may run anywhere.
/// </summary>
/// <param name="Tenants">The tenants in file order.</param>
public sealed record TenantPlan(IReadOnlyList<TenantSpec> Tenants)
{
    /// <summary>No tenants: every task may run anywhere.</summary>
    public static TenantPlan None { get; } = new([]);

    /// <summary>The data centers <paramref name="tenant"/> may use, or null for any.</summary>
    public IReadOnlyList<string>? DataCentersOf(string? tenant)
    {
        if (tenant is null)
        {
            return null;
        }

        var spec = Tenants.FirstOrDefault(t => t.Name == tenant);
        return spec?.DataCenters is { Count: > 0 } dcs ? dcs : null;
    }

    /// <summary>Picks a tenant for a draw in [0, 1): by cumulative share; null where the shares leave room.</summary>
    public string? Pick(double draw)
    {
        var at = 0.0;
        foreach (var tenant in Tenants)
        {
            at += tenant.Share;
            if (draw < at)
            {
                return tenant.Name;
            }
        }

        return null;
    }
}
