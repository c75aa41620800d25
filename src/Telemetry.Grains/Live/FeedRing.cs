using Telemetry.Live;

namespace Telemetry.Grains.Live;

/// <summary>
/// The live feed's memory: the newest <see cref="Capacity"/> events, numbered in order. Numbering starts at
/// <c>firstSequence</c> so a restarted feed (a new activation) never reuses the numbers of the one before it.
/// </summary>
public sealed class FeedRing
{
    private readonly LiveEvent[] _events;
    private long _newest;
    private int _count;

    public FeedRing(int capacity, long firstSequence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(firstSequence, 1);
        _events = new LiveEvent[capacity];
        _newest = firstSequence - 1;
    }

    public int Capacity => _events.Length;

    /// <summary>The newest sequence given out; one below the first sequence while nothing was appended.</summary>
    public long Newest => _newest;

    private long Oldest => _newest - _count + 1;

    /// <summary>Numbers and keeps <paramref name="posted"/>, dropping the oldest kept when full.</summary>
    public LiveEvent Append(LiveEvent posted)
    {
        ArgumentNullException.ThrowIfNull(posted);
        var appended = posted with { Sequence = ++_newest };
        _events[Slot(_newest)] = appended;
        _count = Math.Min(_count + 1, _events.Length);
        return appended;
    }

    /// <summary>Up to <paramref name="max"/> events after <paramref name="after"/>; from the oldest kept when <paramref name="after"/> is not in the feed.</summary>
    public FeedPage After(long after, int max)
    {
        // A cursor from the future belongs to a feed that came before this one; a cursor older than the oldest kept has missed events.
        var gap = after > _newest || after < Oldest - 1;
        var from = gap ? Oldest : after + 1;
        return Page(from, max, gap);
    }

    /// <summary>The newest <paramref name="count"/> events, oldest first.</summary>
    public FeedPage Recent(int count) => Page(Math.Max(Oldest, _newest - Math.Max(count, 0) + 1), count, gap: false);

    private FeedPage Page(long from, int max, bool gap)
    {
        var take = (int)Math.Clamp(_newest - from + 1, 0, Math.Max(max, 0));
        var page = new LiveEvent[take];
        for (var i = 0; i < take; i++)
        {
            page[i] = _events[Slot(from + i)];
        }

        return new FeedPage(page, _newest, gap);
    }

    private int Slot(long sequence) => (int)(sequence % _events.Length);
}
