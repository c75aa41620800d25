using Telemetry.Live;

namespace Telemetry.Grains.Live;

/// <summary>The cluster's one live feed; thin over <see cref="FeedRing"/>.</summary>
/// <remarks>
/// Always active: stream clients on every silo poll it. Held in memory only: after a failover the feed
/// starts again, numbered from the clock so readers see a gap rather than old numbers reused.
/// </remarks>
[CollectionAgeLimit(AlwaysActive = true)]
public sealed class LiveFeedGrain(TimeProvider time) : Grain, ILiveFeedGrain
{
    /// <summary>Events kept: enough for a reconnecting browser to catch up after a minute away on a bad day.</summary>
    public const int Capacity = 4096;

    private FeedRing _ring = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Milliseconds × 1000 leaves room for 1000 events a millisecond and stays below 2^53, exact in a browser's numbers.
        _ring = new FeedRing(Capacity, (time.GetUtcNow().ToUnixTimeMilliseconds() * 1000) + 1);
        return Task.CompletedTask;
    }

    public Task AppendAsync(LiveEvent[] events)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var posted in events)
        {
            _ring.Append(posted);
        }

        return Task.CompletedTask;
    }

    public Task<FeedPage> ReadAsync(long after, int max) => Task.FromResult(_ring.After(after, max));

    public Task<FeedPage> RecentAsync(int count) => Task.FromResult(_ring.Recent(count));
}
