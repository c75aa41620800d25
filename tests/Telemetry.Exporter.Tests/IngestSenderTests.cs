using System.Net;
using Telemetry.Exporter.Sending;
using Telemetry.Exporter.Simulation;

namespace Telemetry.Exporter.Tests;

public sealed class IngestSenderTests
{
    private static readonly Uri[] Servers = [new("http://a:5000/api/v1/ingest"), new("http://b:5000/api/v1/ingest"), new("http://c:5000/api/v1/ingest")];
    private static readonly byte[] Body = [0x97, 0x01, 0xa1, 0x78, 0x01];

    [Fact]
    public async Task SendAsync_On503_RetriesSameBodyOnNextServer()
    {
        var handler = new ScriptedHandler(ScriptedHandler.Status(HttpStatusCode.ServiceUnavailable), ScriptedHandler.Status(HttpStatusCode.Accepted));
        var (sender, counters) = Create(handler);

        var result = await sender.SendAsync(new SendRequest(Body, Gzip: false, FirstServer: 0), CancellationToken.None);

        Assert.Equal(SendOutcome.Accepted, result.Outcome);
        Assert.Equal(1, result.Server);
        Assert.Equal([Servers[0], Servers[1]], handler.Sent.Select(s => s.Uri));
        Assert.All(handler.Sent, s => Assert.Equal(Body, s.Body));
        var stats = counters.Snapshot(TimeSpan.Zero, 1);
        Assert.Equal(1, stats.Retries);
        Assert.Equal(1, stats.Errors["http_503"]);
    }

    [Fact]
    public async Task SendAsync_OnConnectionFailure_RetriesSameBodyOnNextServerAndWrapsAround()
    {
        var handler = new ScriptedHandler(ScriptedHandler.Refused(), ScriptedHandler.Refused(), ScriptedHandler.Status(HttpStatusCode.TooManyRequests), ScriptedHandler.Status(HttpStatusCode.Accepted));
        var (sender, counters) = Create(handler);

        var result = await sender.SendAsync(new SendRequest(Body, Gzip: false, FirstServer: 1), CancellationToken.None);

        Assert.Equal(SendOutcome.Accepted, result.Outcome);
        Assert.Equal([Servers[1], Servers[2], Servers[0], Servers[1]], handler.Sent.Select(s => s.Uri));
        Assert.All(handler.Sent, s => Assert.Equal(Body, s.Body));
        var stats = counters.Snapshot(TimeSpan.Zero, 1);
        Assert.Equal(2, stats.Errors["connection"]);
        Assert.Equal(1, stats.Errors["http_429"]);
        Assert.Equal(0, stats.ReportsRejected);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.RequestEntityTooLarge)]
    public async Task SendAsync_On4xxOtherThan429_StopsWithoutRetrying(HttpStatusCode status)
    {
        var handler = new ScriptedHandler(ScriptedHandler.Status(status, "{\"title\":\"bad\"}"));
        var (sender, counters) = Create(handler);

        var result = await sender.SendAsync(new SendRequest(Body, Gzip: false, FirstServer: 0), CancellationToken.None);

        Assert.Equal(SendOutcome.Rejected, result.Outcome);
        Assert.Single(handler.Sent);
        var stats = counters.Snapshot(TimeSpan.Zero, 1);
        Assert.Equal(1, stats.ReportsRejected);
        Assert.Equal(0, stats.Retries);
        Assert.Contains("bad", stats.FirstRejection, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_Always503_StopsWhenCancelled()
    {
        var steps = Enumerable.Repeat(ScriptedHandler.Status(HttpStatusCode.ServiceUnavailable), 1000).ToArray();
        var handler = new ScriptedHandler(steps);
        var (sender, _) = Create(handler);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var result = await sender.SendAsync(new SendRequest(Body, Gzip: false, FirstServer: 0), cts.Token);

        Assert.Equal(SendOutcome.Cancelled, result.Outcome);
        Assert.True(handler.Sent.Count > 1);
    }

    [Fact]
    public async Task SendAsync_WithTokenAndGzip_SendsWireHeaders()
    {
        var handler = new ScriptedHandler();
        var (sender, _) = Create(handler, token: "secret-token");

        await sender.SendAsync(new SendRequest(Body, Gzip: true, FirstServer: 0), CancellationToken.None);

        var sent = Assert.Single(handler.Sent);
        Assert.Equal("application/x-msgpack", sent.ContentType);
        Assert.Equal("gzip", sent.ContentEncoding);
        Assert.Equal("Bearer secret-token", sent.Authorization);
    }

    [Theory]
    [InlineData(1, 50, 100)]
    [InlineData(2, 100, 200)]
    [InlineData(30, 2500, 5000)]
    public void DelayAfter_Failures_GrowsWithJitterUpToCap(int failures, double minMs, double maxMs)
    {
        var policy = new RetryPolicy(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5));

        Assert.Equal(minMs, policy.DelayAfter(failures, 0).TotalMilliseconds, 3);
        Assert.InRange(policy.DelayAfter(failures, 0.999).TotalMilliseconds, minMs, maxMs);
    }

    [Theory]
    [InlineData("http://h:5000", "http://h:5000/api/v1/ingest")]
    [InlineData("http://h:5000/", "http://h:5000/api/v1/ingest")]
    [InlineData("https://h/custom/ingest", "https://h/custom/ingest")]
    public void Resolve_Server_AddsIngestPathWhenMissing(string server, string expected) =>
        Assert.Equal(new Uri(expected), IngestEndpoints.Resolve(new Uri(server)));

    private static (IngestSender Sender, SendCounters Counters) Create(ScriptedHandler handler, string? token = null)
    {
        var counters = new SendCounters();
        var http = new HttpClient(handler);
        var retry = new RetryPolicy(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(2));
        return (new IngestSender(http, Servers, token, retry, new SemaphoreSlim(4), counters, TimeProvider.System), counters);
    }
}
