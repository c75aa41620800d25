using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Telemetry.Testing;

namespace Telemetry.Benchmarks.Simulator;

/// <summary>
/// The cheapest ingest endpoint that still reads every body over a real socket: it answers 202 and counts.
/// It runs in the benchmark's process, so its CPU is not the simulator's.
/// </summary>
internal sealed class AcceptingSink : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _bodies;

    private AcceptingSink(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary><c>http://127.0.0.1:port/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Bodies accepted so far.</summary>
    public long Bodies => Interlocked.Read(ref _bodies);

    public static async Task<AcceptingSink> StartAsync(CancellationToken ct)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(baseAddress.ToString());
        var app = builder.Build();
        var sink = new AcceptingSink(app, baseAddress);
        app.MapPost("/api/v1/ingest", sink.AcceptAsync);
        await app.StartAsync(ct);
        return sink;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task<IResult> AcceptAsync(HttpRequest request)
    {
        // Read the body to its end, as a server must before it answers on a kept-alive connection.
        await request.Body.CopyToAsync(Stream.Null);
        Interlocked.Increment(ref _bodies);
        return Results.StatusCode(StatusCodes.Status202Accepted);
    }
}
