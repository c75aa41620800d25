using System.Threading.Channels;

namespace Telemetry.Silo.Live;

/// <summary>One connected stream client: the events waiting for it, at most a bounded number.</summary>
public sealed class LiveClient
{
    private readonly Channel<ServerSentEvent> _pending;
    private volatile bool _closed;

    public LiveClient(int capacity) =>
        _pending = Channel.CreateBounded<ServerSentEvent>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });

    /// <summary>What the client's response loop reads; completed when the client was dropped for falling behind.</summary>
    public ChannelReader<ServerSentEvent> Pending => _pending.Reader;

    /// <summary>True once the client fell too far behind and was cut off.</summary>
    public bool Dropped { get; private set; }

    /// <summary>Queues <paramref name="e"/>; a client whose queue is full is dropped rather than buffered without bound.</summary>
    public bool Offer(ServerSentEvent e)
    {
        // A client closed while an event was being fanned out has left; it did not fall behind.
        if (_pending.Writer.TryWrite(e) || _closed)
        {
            return true;
        }

        Dropped = true;
        _pending.Writer.TryComplete();
        return false;
    }

    public void Close()
    {
        _closed = true;
        _pending.Writer.TryComplete();
    }
}
