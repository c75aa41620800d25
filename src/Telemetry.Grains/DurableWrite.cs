using Orleans.Storage;

namespace Telemetry.Grains;

/// <summary>Writes a grain's durable state when storage is durable, and recovers from a failover race.</summary>
public static class DurableWrite
{
    /// <summary>
    /// Writes <paramref name="state"/> when <paramref name="options"/> say storage is durable. When another
    /// activation wrote since this one read (a failover race), the grain deactivates to start again from storage.
    /// </summary>
    public static Task WriteAsync<TState>(IPersistentState<TState> state, GrainStateOptions options, Grain grain)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Durable ? WriteAsync(state, grain) : Task.CompletedTask;
    }

    /// <summary>
    /// Writes <paramref name="state"/>, made by <see cref="DurableStates"/> only when storage is durable (null otherwise).
    /// When another activation wrote since this one read (a failover race), the grain deactivates to start again from storage.
    /// </summary>
    public static async Task WriteAsync<TState>(IPersistentState<TState>? state, Grain grain)
    {
        ArgumentNullException.ThrowIfNull(grain);
        if (state is null)
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
