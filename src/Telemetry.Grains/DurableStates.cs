namespace Telemetry.Grains;

/// <summary>
/// Makes a grain's durable state only when storage is durable. In memory there is nothing to read or write,
/// and an activation without the state skips Orleans' storage facet: a reflective factory call, a lifecycle
/// stage and a storage read that can only miss, nine times for a node's first report (the node and its GPUs).
/// </summary>
public sealed class DurableStates(IPersistentStateFactory factory, GrainStateOptions options)
{
    /// <summary>
    /// The state named <paramref name="stateName"/> in <see cref="GrainStateOptions.StorageName"/> for
    /// <paramref name="grain"/>, read when the grain activates; null without durable storage. Call it while the
    /// grain is constructed, as Orleans makes a <c>[PersistentState]</c> parameter, so that it joins the activation.
    /// </summary>
    public IPersistentState<TState>? For<TState>(IGrainContext grain, string stateName) =>
        options.Durable ? factory.Create<TState>(grain, new PersistentStateAttribute(stateName, GrainStateOptions.StorageName)) : null;
}
