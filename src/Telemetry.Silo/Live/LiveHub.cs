using Microsoft.Extensions.Options;
using Telemetry.Live;

namespace Telemetry.Silo.Live;

/// <summary>This silo's stream clients, and the fan-out of each event to all of them.</summary>
public sealed class LiveHub(IOptions<LiveOptions> options)
{
    private readonly Lock _gate = new();
    private LiveClient[] _clients = [];
    private long _droppedClients;

    public int ClientCount => Volatile.Read(ref _clients).Length;

    /// <summary>Clients cut off for falling behind, since start.</summary>
    public long DroppedClients => Interlocked.Read(ref _droppedClients);

    /// <summary>The newest <c>summary</c> event, for a client that has just connected.</summary>
    public ServerSentEvent? LatestSummary { get; private set; }

    public LiveClient Connect()
    {
        var client = new LiveClient(options.Value.ClientBuffer);
        lock (_gate)
        {
            _clients = [.. _clients, client];
        }

        return client;
    }

    public void Disconnect(LiveClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.Close();
        lock (_gate)
        {
            _clients = [.. _clients.Where(c => c != client)];
        }
    }

    /// <summary>Offers <paramref name="e"/> to every client; a client that cannot take it is dropped and disconnected.</summary>
    public void Publish(ServerSentEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Name == LiveEventKinds.Summary)
        {
            LatestSummary = e;
        }

        // A copy-on-write array: publishing never waits on a connect or a disconnect.
        foreach (var client in Volatile.Read(ref _clients))
        {
            if (!client.Offer(e))
            {
                Interlocked.Increment(ref _droppedClients);
                Disconnect(client);
            }
        }
    }
}
