using Orleans.Storage;

namespace Telemetry.Silo.Hosting;

/// <summary>
/// Grain storage for a silo without durable storage: grains never write there (<see cref="Grains.DurableWrite"/>
/// writes only to durable storage), so every read would miss. Reading nothing saves each activation of the grains
/// that still declare a state (data centers, the fleet, the rebalancer, reservations) a call to an in-memory
/// storage grain; node and GPU grains, nine a node, take no state at all in memory (<see cref="Grains.DurableStates"/>).
/// </summary>
internal sealed class VolatileGrainStorage : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.CompletedTask;

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.CompletedTask;

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.CompletedTask;
}
