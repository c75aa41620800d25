namespace Telemetry.Replay.Fleet;

/// <summary>One tenant of a tenants file.</summary>
/// <param name="Name">The tenant's name as the rebalancing policy knows it.</param>
/// <param name="Share">The share of tasks it runs, 0–1.</param>
/// <param name="DataCenters">Data centers it may use, by number (1 is the run's first); empty for any.</param>
public sealed record TenantSpec(string Name, double Share, IReadOnlyList<string> DataCenters);
