using Telemetry.Grains.Live;
using Telemetry.Live;

namespace Telemetry.Grains.Tests.Live;

public sealed class FeedRingTests
{
    private static LiveEvent Posted(string json) => new(0, LiveEventKinds.Health, json);

    private static FeedRing RingOf(int capacity, long first, int events)
    {
        var ring = new FeedRing(capacity, first);
        for (var i = 0; i < events; i++)
        {
            ring.Append(Posted($"{{\"n\":{i}}}"));
        }

        return ring;
    }

    [Fact]
    public void Append_NumbersEventsInOrderFromTheFirstSequence()
    {
        var ring = new FeedRing(8, 1000);

        var a = ring.Append(Posted("a"));
        var b = ring.Append(Posted("b"));

        Assert.Equal((1000L, "a"), (a.Sequence, a.Json));
        Assert.Equal((1001L, "b"), (b.Sequence, b.Json));
        Assert.Equal(1001, ring.Newest);
    }

    [Fact]
    public void After_CursorInTheFeed_ReturnsLaterEventsOldestFirstWithoutGap()
    {
        var ring = RingOf(8, 1, 5);

        var page = ring.After(2, 10);

        Assert.Equal([3L, 4, 5], page.Events.Select(e => e.Sequence));
        Assert.False(page.Gap);
        Assert.Equal(5, page.Newest);
    }

    [Fact]
    public void After_NewestCursor_ReturnsNothing()
    {
        var page = RingOf(8, 1, 5).After(5, 10);

        Assert.Empty(page.Events);
        Assert.False(page.Gap);
    }

    [Fact]
    public void After_LimitsThePageToMax()
    {
        var page = RingOf(8, 1, 6).After(0, 2);

        Assert.Equal([1L, 2], page.Events.Select(e => e.Sequence));
    }

    [Fact]
    public void After_CursorOverwrittenByWrapAround_ReportsGapAndStartsAtOldestKept()
    {
        var ring = RingOf(4, 1, 10);

        var page = ring.After(3, 10);

        Assert.True(page.Gap);
        Assert.Equal([7L, 8, 9, 10], page.Events.Select(e => e.Sequence));
        Assert.Equal(["{\"n\":6}", "{\"n\":9}"], new[] { page.Events[0].Json, page.Events[^1].Json });
    }

    [Fact]
    public void After_CursorFromBeforeARestart_ReportsGap()
    {
        // A restarted feed numbers from the clock, so a cursor from the old feed is either far below or above.
        var ring = RingOf(16, 5_000, 3);

        var below = ring.After(42, 10);
        var above = ring.After(9_999_999, 10);

        Assert.True(below.Gap);
        Assert.True(above.Gap);
        Assert.Equal([5_000L, 5_001, 5_002], above.Events.Select(e => e.Sequence));
    }

    [Fact]
    public void Recent_ReturnsTheNewestOldestFirst_AndNoMoreThanKept()
    {
        var ring = RingOf(4, 1, 6);

        Assert.Equal([5L, 6], ring.Recent(2).Events.Select(e => e.Sequence));
        Assert.Equal([3L, 4, 5, 6], ring.Recent(100).Events.Select(e => e.Sequence));
        Assert.Empty(ring.Recent(0).Events);
        Assert.Equal(6, ring.Recent(0).Newest);
    }

    [Fact]
    public void EmptyFeed_NewestIsOneBelowFirst_AndReadsAreEmpty()
    {
        var ring = new FeedRing(4, 100);

        Assert.Equal(99, ring.Newest);
        Assert.Empty(ring.After(99, 10).Events);
        Assert.False(ring.After(99, 10).Gap);
        Assert.Empty(ring.Recent(10).Events);
    }
}
