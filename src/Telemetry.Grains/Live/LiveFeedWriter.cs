using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using Telemetry.Health;
using Telemetry.Jobs;
using Telemetry.Live;

namespace Telemetry.Grains.Live;

/// <summary>
/// This silo's way into the live feed: health changes and rebalancing decisions are queued here without
/// blocking the grain that posts them, and a forwarder appends them to <see cref="ILiveFeedGrain"/> in batches.
/// </summary>
/// <remarks>Bounded: if the feed grain is unreachable for long, the oldest queued events are dropped and counted.</remarks>
public sealed class LiveFeedWriter
{
    /// <summary>Events queued at most.</summary>
    public const int QueueCapacity = 10_000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly Channel<LiveEvent> _queue;
    private long _dropped;

    public LiveFeedWriter()
    {
        _queue = Channel.CreateBounded<LiveEvent>(
            new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Interlocked.Increment(ref _dropped));
    }

    /// <summary>Events dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>What the forwarder reads.</summary>
    public ChannelReader<LiveEvent> Queue => _queue.Reader;

    public void PostHealth(HealthChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        Post(LiveEventKinds.Health, HealthEvent.Of(change), [change.DataCenter]);
    }

    /// <summary>Posts a rebalancing decision concerning <paramref name="dataCenters"/>; any record serializes, in camelCase with enums as names.</summary>
    public void PostDecision<TDecision>(TDecision decision, string[] dataCenters)
        where TDecision : notnull => Post(LiveEventKinds.Decision, decision, dataCenters);

    public void PostStraggler(StragglerChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        Post(LiveEventKinds.Straggler, change, [change.DataCenter]);
    }

    /// <summary>Posts a rebalancer alert concerning its data center.</summary>
    public void PostAlert<TAlert>(TAlert alert, string dataCenter)
        where TAlert : notnull => Post(LiveEventKinds.Alert, alert, [dataCenter]);

    private void Post<TPayload>(string kind, TPayload payload, string[] dataCenters) =>
        _queue.Writer.TryWrite(new LiveEvent(0, kind, JsonSerializer.Serialize(payload, Json), dataCenters));
}
