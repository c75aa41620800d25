using Microsoft.Extensions.Options;
using Telemetry.Live;
using Telemetry.Silo.Live;

namespace Telemetry.Silo.Tests.Live;

public sealed class LiveHubTests
{
    private static LiveHub Hub(int buffer = 16) => new(Options.Create(new LiveOptions { ClientBuffer = buffer }));

    private static ServerSentEvent Health(long id) => new(id, LiveEventKinds.Health, $"{{\"n\":{id}}}");

    private static List<ServerSentEvent> Drain(LiveClient client)
    {
        var read = new List<ServerSentEvent>();
        while (client.Pending.TryRead(out var e))
        {
            read.Add(e);
        }

        return read;
    }

    [Fact]
    public void Publish_ReachesEveryConnectedClientInOrder()
    {
        var hub = Hub();
        var a = hub.Connect();
        var b = hub.Connect();

        hub.Publish(Health(1));
        hub.Publish(Health(2));

        Assert.Equal([1L, 2], Drain(a).Select(e => e.Id!.Value));
        Assert.Equal([1L, 2], Drain(b).Select(e => e.Id!.Value));
    }

    [Fact]
    public void Publish_ClientThatFallsBehind_IsDroppedAndTheOthersKeepGettingEvents()
    {
        var hub = Hub(buffer: 16);
        var slow = hub.Connect();
        var fast = hub.Connect();

        for (var i = 1; i <= 40; i++)
        {
            hub.Publish(Health(i));
            Drain(fast);
        }

        Assert.True(slow.Dropped);
        Assert.Equal(1, hub.DroppedClients);
        Assert.Equal(1, hub.ClientCount);
        Assert.Equal(16, Drain(slow).Count);
        Assert.True(slow.Pending.Completion.IsCompleted);
        Assert.False(fast.Dropped);
        hub.Publish(Health(41));
        Assert.Equal([41L], Drain(fast).Select(e => e.Id!.Value));
    }

    [Fact]
    public void Disconnect_StopsDeliveryAndCompletesTheClient()
    {
        var hub = Hub();
        var client = hub.Connect();

        hub.Disconnect(client);
        hub.Publish(Health(1));

        Assert.Equal(0, hub.ClientCount);
        Assert.Empty(Drain(client));
        Assert.True(client.Pending.Completion.IsCompleted);
        Assert.False(client.Dropped);
    }

    [Fact]
    public void Offer_ToAClosedClient_IsNotCountedAsFallingBehind()
    {
        var client = new LiveClient(16);

        client.Close();

        Assert.True(client.Offer(Health(1)));
        Assert.False(client.Dropped);
    }

    [Fact]
    public void Publish_Summary_IsKeptForClientsThatConnectLater()
    {
        var hub = Hub();
        var summary = new ServerSentEvent(null, LiveEventKinds.Summary, "{}");

        hub.Publish(Health(1));
        hub.Publish(summary);
        hub.Publish(Health(2));

        Assert.Same(summary, hub.LatestSummary);
    }
}
