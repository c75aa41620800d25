namespace Telemetry.Grains;

/// <summary>The registry of data centers that have reported, so the API can list them without a scan.</summary>
/// <remarks>Always active: data centers register once, so the registry must outlive quiet periods.</remarks>
[CollectionAgeLimit(AlwaysActive = true)]
public sealed class FleetGrain : Grain, IFleetGrain
{
    private readonly SortedSet<string> _dataCenters = new(StringComparer.Ordinal);

    public Task RegisterDataCenterAsync(string dataCenter)
    {
        _dataCenters.Add(dataCenter);
        return Task.CompletedTask;
    }

    public Task<string[]> GetDataCentersAsync() => Task.FromResult(_dataCenters.ToArray());
}
