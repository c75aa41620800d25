using Orleans.Storage;

namespace Telemetry.Silo.Hosting;

/// <summary>
/// Grain storage for a silo without durable storage: grains never write there (<see cref="Grains.DurableWrite"/>
/// writes only to durable storage), so every read would miss. Reading nothing saves each activation a call to an
/// in-memory storage grain (nine for a node's first report: the node and its eight GPUs).
/// </summary>
internal sealed class VolatileGrainStorage : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.CompletedTask;

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.CompletedTask;

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.CompletedTask;
}
