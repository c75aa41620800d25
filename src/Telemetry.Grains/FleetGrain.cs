namespace Telemetry.Grains;

/// <summary>The registry of data centers that have reported, so the API can list them without a scan.</summary>
/// <remarks>
/// Always active: data centers register once, so the registry must outlive quiet periods. Durable: a data center
/// registers once per activation of its own grain, so a registry lost with a silo would stay short of every data
/// center that did not move.
/// </remarks>
[CollectionAgeLimit(AlwaysActive = true)]
public sealed class FleetGrain(
    GrainStateOptions stateOptions,
    [PersistentState("fleet", GrainStateOptions.StorageName)] IPersistentState<FleetDurableState> durable) : Grain, IFleetGrain
{
    private readonly SortedSet<string> _dataCenters = new(StringComparer.Ordinal);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _dataCenters.UnionWith(durable.State.DataCenters);
        return Task.CompletedTask;
    }

    public async Task RegisterDataCenterAsync(string dataCenter)
    {
        if (_dataCenters.Add(dataCenter))
        {
            durable.State.DataCenters = [.. _dataCenters];
            await DurableWrite.WriteAsync(durable, stateOptions, this);
        }
    }

    public Task<string[]> GetDataCentersAsync() => Task.FromResult(_dataCenters.ToArray());
}
