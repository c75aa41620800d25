using System.Text.Json;

namespace Telemetry.Replay.Fleet;

/// <summary>
/// Reads <c>--tenants FILE</c>: <c>{ "tenants": [ { "name": "uni-a", "share": 0.3, "dataCenters": [1, 2] } ] }</c> —
/// each task runs for a tenant drawn by share (shares sum to at most 1; the rest run for no tenant), and a
/// tenant with data centers (by number: 1 is each run's first) may run only there.
/// </summary>
public static class TenantsFile
{
    /// <summary>Reads and checks the file; <paramref name="prefix"/> and <paramref name="dataCenters"/> turn numbers into the run's ids.</summary>
    public static TenantPlan Read(string path, int dataCenters, string prefix)
    {
        TenantsDocument? doc;
        try
        {
            doc = JsonSerializer.Deserialize(File.ReadAllText(path), TenantsJson.Default.TenantsDocument);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new FormatException($"{path}: {e.Message}", e);
        }

        var tenants = new List<TenantSpec>();
        foreach (var t in doc?.Tenants ?? [])
        {
            if (string.IsNullOrWhiteSpace(t.Name) || t.Share is < 0 or > 1)
            {
                throw new FormatException($"{path}: every tenant needs a name and a share within 0–1 (tenant '{t.Name}')");
            }

            var bad = t.DataCenters?.FirstOrDefault(n => n < 1 || n > dataCenters);
            if (bad is not null and not 0)
            {
                throw new FormatException($"{path}: tenant '{t.Name}' names data center {bad}, but the replay has {dataCenters} (--datacenters)");
            }

            tenants.Add(new TenantSpec(t.Name, t.Share, [.. (t.DataCenters ?? []).Select(n => $"{prefix}dc{n}")]));
        }

        if (tenants.Sum(t => t.Share) > 1 + 1e-9)
        {
            throw new FormatException($"{path}: the tenants' shares add up to more than 1");
        }

        return new TenantPlan(tenants);
    }

    internal sealed record TenantsDocument(List<TenantEntry>? Tenants);

    internal sealed record TenantEntry(string Name, double Share, List<int>? DataCenters);
}
