using System.Reflection;

namespace Telemetry.Grains.Tests;

public sealed class DurableStatesTests
{
    [Fact]
    public void For_InMemoryStorage_MakesNoStateAndNeverAsksTheFactory()
    {
        var factory = new RecordingFactory();
        var states = new DurableStates(factory, new GrainStateOptions { Durable = false });

        var state = states.For<GpuDurableState>(UnusedGrainContext.Create(), "gpu");

        Assert.Null(state);
        Assert.Empty(factory.Calls);
    }

    [Fact]
    public void For_DurableStorage_AsksTheFactoryForTheNamedStateInTheTelemetryStorage()
    {
        var factory = new RecordingFactory();
        var states = new DurableStates(factory, new GrainStateOptions { Durable = true });
        var grain = UnusedGrainContext.Create();

        var state = states.For<NodeDurableState>(grain, "node");

        Assert.NotNull(state);
        var call = Assert.Single(factory.Calls);
        Assert.Same(grain, call.Grain);
        Assert.Equal("node", call.StateName);
        Assert.Equal(GrainStateOptions.StorageName, call.StorageName);
        Assert.Equal(typeof(NodeDurableState), call.StateType);
    }

    private sealed record Call(IGrainContext Grain, string StateName, string? StorageName, Type StateType);

    private sealed class RecordingFactory : IPersistentStateFactory
    {
        public List<Call> Calls { get; } = [];

        public IPersistentState<TState> Create<TState>(IGrainContext context, IPersistentStateConfiguration config)
        {
            Calls.Add(new Call(context, config.StateName, config.StorageName, typeof(TState)));
            return new FixedState<TState>();
        }
    }

    private sealed class FixedState<TState> : IPersistentState<TState>
    {
        public TState State { get; set; } = default!;

        public string? Etag => null;

        public bool RecordExists => false;

        public Task ClearStateAsync() => Task.CompletedTask;

        public Task WriteStateAsync() => Task.CompletedTask;

        public Task ReadStateAsync() => Task.CompletedTask;
    }

    /// <summary>A grain context that fails any use: the states under test must only pass it on.</summary>
    public class UnusedGrainContext : DispatchProxy
    {
        public static IGrainContext Create() => DispatchProxy.Create<IGrainContext, UnusedGrainContext>();

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            throw new InvalidOperationException($"The grain context was used: {targetMethod?.Name}.");
    }
}
