using System.Threading.Channels;
using Telemetry.Silo.Auth;

namespace Telemetry.Silo.Live;

/// <summary>One connected stream client: the events waiting for it, at most a bounded number.</summary>
public sealed class LiveClient
{
    private readonly Channel<ServerSentEvent> _pending;
    private volatile bool _closed;

    public LiveClient(int capacity, VisibleDataCenters? visible = null)
    {
        Visible = visible ?? VisibleDataCenters.All;
        _pending = Channel.CreateBounded<ServerSentEvent>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
    }

    /// <summary>The data centers this client's API key may see; it is sent nothing about the others.</summary>
    public VisibleDataCenters Visible { get; }

    /// <summary>What the client's response loop reads; completed when the client was dropped for falling behind.</summary>
    public ChannelReader<ServerSentEvent> Pending => _pending.Reader;

    /// <summary>True once the client fell too far behind and was cut off.</summary>
    public bool Dropped { get; private set; }

    /// <summary>Queues <paramref name="e"/>; a client whose queue is full is dropped rather than buffered without bound.</summary>
    public bool Offer(ServerSentEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (!Sees(e))
        {
            return true;
        }

        // A client closed while an event was being fanned out has left; it did not fall behind.
        if (_pending.Writer.TryWrite(e) || _closed)
        {
            return true;
        }

        Dropped = true;
        _pending.Writer.TryComplete();
        return false;
    }

    /// <summary>True when the client may see <paramref name="e"/>: it sees everything, or one of the data centers the event concerns.</summary>
    public bool Sees(ServerSentEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return Visible.IsAll || (e.DataCenters is { } concerned && concerned.Any(Visible.Contains));
    }

    public void Close()
    {
        _closed = true;
        _pending.Writer.TryComplete();
    }
}
