using Orleans.Concurrency;
using Telemetry.Live;

namespace Telemetry.Grains;

/// <summary>
/// The cluster-wide live feed (key <c>fleet</c>): a bounded ring of recent health changes and decisions with
/// sequence numbers. Every silo appends what its grains judged, and every silo polls it for its stream clients.
/// </summary>
[Alias("telemetry.ILiveFeedGrain")]
public interface ILiveFeedGrain : IGrainWithStringKey
{
    /// <summary>The single key of the feed grain.</summary>
    public const string Key = "fleet";

    /// <summary>Appends events (their <see cref="LiveEvent.Sequence"/> is assigned here), oldest first.</summary>
    [Alias("Append")]
    Task AppendAsync(LiveEvent[] events);

    /// <summary>Up to <paramref name="max"/> events after sequence <paramref name="after"/>, oldest first.</summary>
    [Alias("Read"), ReadOnly]
    Task<FeedPage> ReadAsync(long after, int max);

    /// <summary>The newest <paramref name="count"/> events, oldest first.</summary>
    [Alias("Recent"), ReadOnly]
    Task<FeedPage> RecentAsync(int count);
}
