using System.Net;

namespace Telemetry.Exporter.Sending;

/// <summary>Answers every request with 202 without touching the network: the dry-run sink.</summary>
public sealed class AcceptingHandler : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(new HttpResponseMessage(HttpStatusCode.Accepted) { RequestMessage = request });
}
