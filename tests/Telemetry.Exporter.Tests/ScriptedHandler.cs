using System.Net;

namespace Telemetry.Exporter.Tests;

/// <summary>A fake transport: answers each request with the next scripted step and records what was sent.</summary>
internal sealed class ScriptedHandler(params Func<HttpResponseMessage>[] steps) : HttpMessageHandler
{
    private readonly Queue<Func<HttpResponseMessage>> _steps = new(steps);

    public List<SentRequest> Sent { get; } = [];

    public static Func<HttpResponseMessage> Status(HttpStatusCode status, string body = "") =>
        () => new HttpResponseMessage(status) { Content = new StringContent(body) };

    public static Func<HttpResponseMessage> Refused() =>
        () => throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
        Sent.Add(new SentRequest(
            request.RequestUri!,
            body,
            request.Content.Headers.ContentType?.MediaType,
            string.Join(",", request.Content.Headers.ContentEncoding),
            request.Headers.Authorization?.ToString()));
        var step = _steps.Count > 0 ? _steps.Dequeue() : Status(HttpStatusCode.Accepted);
        return step();
    }
}
