using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Telemetry.Exporter.Tests;

/// <summary>A tiny real ingest endpoint on a free loopback port: decodes every body and answers 202.</summary>
internal sealed class IngestSink : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public IngestSink()
    {
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public Uri Url => new($"http://127.0.0.1:{Port}");

    public ConcurrentQueue<DecodedReport> Reports { get; } = new();

    public ConcurrentQueue<string> ContentTypes { get; } = new();

    /// <summary>A loopback port nothing listens on (for connection-refused tests) or that the sink can take.</summary>
    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
        {
            // Stopping the listener ends the loop this way.
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            var context = await _listener.GetContextAsync();
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            ContentTypes.Enqueue(context.Request.ContentType ?? "");
            foreach (var report in WireDecoder.DecodeAll(body.ToArray()))
            {
                Reports.Enqueue(report);
            }

            context.Response.StatusCode = 202;
            context.Response.Close();
        }
    }
}
