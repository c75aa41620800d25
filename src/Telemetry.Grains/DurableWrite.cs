using Orleans.Storage;

namespace Telemetry.Grains;

/// <summary>Writes a grain's durable state when storage is durable, and recovers from a failover race.</summary>
public static class DurableWrite
{
    /// <summary>
    /// Writes <paramref name="state"/> when <paramref name="options"/> say storage is durable. When another
    /// activation wrote since this one read (a failover race), the grain deactivates to start again from storage.
    /// </summary>
    public static async Task WriteAsync<TState>(IPersistentState<TState> state, GrainStateOptions options, Grain grain)
    {
        if (!options.Durable)
        {
            return;
        }

        try
        {
            await state.WriteStateAsync();
        }
        catch (InconsistentStateException)
        {
            grain.DeactivateOnIdle();
            throw;
        }
    }
}
