using System.Collections.Concurrent;
using System.Net;

namespace Telemetry.Exporter.Tests;

/// <summary>A fake cluster that refuses every connection while <see cref="Down"/> and otherwise accepts, decoding what it accepts.</summary>
internal sealed class OutageHandler : HttpMessageHandler
{
    private volatile bool _down = true;

    public bool Down
    {
        get => _down;
        set => _down = value;
    }

    /// <summary>Every report answered 202, in the order they arrived.</summary>
    public ConcurrentQueue<DecodedReport> Accepted { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_down)
        {
            throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused");
        }

        var body = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
        foreach (var report in WireDecoder.DecodeAll(body))
        {
            Accepted.Enqueue(report);
        }

        return new HttpResponseMessage(HttpStatusCode.Accepted);
    }
}
