using System.Net;
using Telemetry.Exporter.Sending;
using Telemetry.Exporter.Simulation;

namespace Telemetry.Exporter.Tests;

public sealed class SpoolDrainerTests : IDisposable
{
    private static readonly Uri[] Servers = [new("http://a:5000/api/v1/ingest"), new("http://b:5000/api/v1/ingest")];
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task RunAsync_400OnSpooledBody_DropsItAndSendsTheNext()
    {
        using var spool = ReportSpool.Open(new ReportSpoolOptions(_dir.Path));
        spool.Append("dc1/a", [1, 1], gzip: false, samples: 10);
        spool.Append("dc1/a", [2, 2], gzip: true, samples: 10);
        var handler = new ScriptedHandler(ScriptedHandler.Status(HttpStatusCode.BadRequest, "{\"title\":\"bad\"}"));

        var (sent, counters) = await DrainAsync(spool, handler);

        Assert.Equal([[1, 1], [2, 2]], sent.Select(s => s.Body));
        Assert.Equal(["", "gzip"], sent.Select(s => s.ContentEncoding));
        var stats = counters.Snapshot(TimeSpan.Zero, 1);
        Assert.Equal(1, stats.ReportsRejected);
        Assert.Equal(1, stats.ReportsAccepted);
        Assert.Equal(0, spool.Snapshot().Bodies);
    }

    [Fact]
    public async Task RunAsync_AllServersDown_KeepsBodyFirstAndRetriesItUnchanged()
    {
        using var spool = ReportSpool.Open(new ReportSpoolOptions(_dir.Path));
        spool.Append("dc1/a", [1], gzip: false, samples: 1);
        spool.Append("dc1/a", [2], gzip: false, samples: 1);
        var down = Enumerable.Repeat(ScriptedHandler.Refused(), 7).Append(ScriptedHandler.Status(HttpStatusCode.ServiceUnavailable)).ToArray();
        var handler = new ScriptedHandler(down);

        var (sent, counters) = await DrainAsync(spool, handler);

        Assert.Equal([.. Enumerable.Repeat<byte>(1, 9), 2], sent.Select(s => s.Body.Single()));
        Assert.Equal(2, counters.Snapshot(TimeSpan.Zero, 1).ReportsAccepted);
    }

    private static async Task<(List<SentRequest> Sent, SendCounters Counters)> DrainAsync(ReportSpool spool, ScriptedHandler handler)
    {
        var counters = new SendCounters();
        using var http = new HttpClient(handler);
        var retry = new RetryPolicy(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(2));
        var sender = new IngestSender(http, Servers, null, retry, new SemaphoreSlim(4), counters, TimeProvider.System);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var drainer = new SpoolDrainer(spool, sender, retry, counters, parallel: 4, TimeProvider.System).RunAsync(stop.Token);
        while (spool.Snapshot().Bodies > 0 && !stop.IsCancellationRequested)
        {
            await Task.WhenAny(spool.Changed, Task.Delay(100));
        }

        await stop.CancelAsync();
        await drainer;
        return (handler.Sent, counters);
    }
}
