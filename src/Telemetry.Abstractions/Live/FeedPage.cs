namespace Telemetry.Live;

/// <summary>What a reader of the feed gets: the events after its cursor, oldest first.</summary>
/// <param name="Events">At most the number asked for.</param>
/// <param name="Newest">The newest sequence in the feed (0 when empty): the cursor to keep when nothing came.</param>
/// <param name="Gap">The cursor was not in the feed (too old, or from before the feed restarted): events were missed, and those kept start the page.</param>
[GenerateSerializer, Immutable, Alias("telemetry.FeedPage")]
public sealed record FeedPage([property: Id(0)] LiveEvent[] Events, [property: Id(1)] long Newest, [property: Id(2)] bool Gap);
