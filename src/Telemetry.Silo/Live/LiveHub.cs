using System.Text.Json;
using Microsoft.Extensions.Options;
using Telemetry.Live;
using Telemetry.Silo.Api;
using Telemetry.Silo.Auth;
using Telemetry.State;

namespace Telemetry.Silo.Live;

/// <summary>This silo's stream clients, and the fan-out of each event to all of them.</summary>
public sealed class LiveHub(IOptions<LiveOptions> options, JsonSerializerOptions? json = null)
{
    private readonly JsonSerializerOptions _json = json ?? JsonSerializerOptions.Web;
    // One reference, so a request thread never reads the time of one summary with the data centers of another.
    private LiveSummarySource? _latestSummary;

    private readonly Lock _gate = new();
    private LiveClient[] _clients = [];
    private long _droppedClients;

    public int ClientCount => Volatile.Read(ref _clients).Length;

    /// <summary>Clients cut off for falling behind, since start.</summary>
    public long DroppedClients => Interlocked.Read(ref _droppedClients);

    /// <summary>The newest <c>summary</c> event, for a client that has just connected.</summary>
    public ServerSentEvent? LatestSummary { get; private set; }

    /// <summary>A new client that will be sent events of the data centers in <paramref name="visible"/> only (every one by default).</summary>
    public LiveClient Connect(VisibleDataCenters? visible = null)
    {
        var client = new LiveClient(options.Value.ClientBuffer, visible);
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

    /// <summary>
    /// Sends every client the newest summary of the data centers it may see: the whole fleet for most, a
    /// tenant's own data centers (and totals over those) for a tenant-scoped key.
    /// </summary>
    public void PublishSummary(DateTimeOffset at, DataCenterSummary[] dataCenters)
    {
        ArgumentNullException.ThrowIfNull(dataCenters);
        Volatile.Write(ref _latestSummary, new LiveSummarySource(at, dataCenters));
        var whole = SummaryEvent(at, dataCenters, concerned: null);
        LatestSummary = whole;
        foreach (var client in Volatile.Read(ref _clients))
        {
            var e = client.Visible.IsAll ? whole : SummaryFor(client.Visible);
            if (e is not null && !client.Offer(e))
            {
                Interlocked.Increment(ref _droppedClients);
                Disconnect(client);
            }
        }
    }

    /// <summary>The newest summary as a client that sees <paramref name="visible"/> gets it; null before the first.</summary>
    public ServerSentEvent? SummaryFor(VisibleDataCenters visible)
    {
        ArgumentNullException.ThrowIfNull(visible);
        if (visible.IsAll || Volatile.Read(ref _latestSummary) is not { } latest)
        {
            return visible.IsAll ? LatestSummary : null;
        }

        var seen = latest.DataCenters.Where(dc => visible.Contains(dc.Id)).ToArray();
        return SummaryEvent(latest.At, seen, [.. seen.Select(dc => dc.Id)]);
    }

    // Scoped to the data centers it covers, so a tenant's client takes its own and never the fleet's.
    private ServerSentEvent SummaryEvent(DateTimeOffset at, DataCenterSummary[] dataCenters, string[]? concerned) =>
        new(null, LiveEventKinds.Summary, JsonSerializer.Serialize(new LiveSummary(at, FleetView.From(dataCenters)), _json), concerned);

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
