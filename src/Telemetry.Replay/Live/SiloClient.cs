using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Telemetry.Replay.Live;

/// <summary>
/// The replay's calls to the silos' HTTP API (docs/api.md), JSON in and out. With several servers a call
/// that cannot connect moves on to the next, as a scheduler behind no load balancer would.
/// </summary>
public sealed class SiloClient(HttpClient http, IReadOnlyList<Uri> servers, string? apiKey) : IDisposable
{
    private int _current;

    /// <summary>Sends a request, moving to the next server when one cannot be reached; returns the status and the JSON body (null when empty).</summary>
    public async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        HttpRequestException? last = null;
        for (var attempt = 0; attempt < servers.Count; attempt++)
        {
            var server = servers[(_current + attempt) % servers.Count];
            using var request = new HttpRequestMessage(method, new Uri(server, path));
            if (body is not null)
            {
                request.Content = Content(body);
            }

            if (apiKey is not null)
            {
                request.Headers.Authorization = new("Bearer", apiKey);
            }

            try
            {
                using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                _current = (_current + attempt) % servers.Count;
                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
            }
            catch (HttpRequestException e)
            {
                last = e;
            }
        }

        throw new SiloUnreachableException($"no server answered {method} {path} ({string.Join(", ", servers)}): {last?.Message}", last);
    }

    /// <summary>Like <see cref="SendAsync"/>, but any status outside 2xx is an error naming the call and the problem's detail.</summary>
    public async Task<JsonNode?> RequireAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        var (status, answer) = await SendAsync(method, path, body, cancellationToken).ConfigureAwait(false);
        if ((int)status is < 200 or > 299)
        {
            throw new SiloUnreachableException($"{method} {path} answered {(int)status}: {Detail(answer)}", null);
        }

        return answer;
    }

    /// <summary>The <c>detail</c> of a problem+json answer, or the body.</summary>
    public static string Detail(JsonNode? answer) => answer?["detail"]?.GetValue<string>() ?? answer?.ToJsonString() ?? "(no body)";

    public void Dispose() => http.Dispose();

    /// <summary>A body the replay sends: a placement request, or JSON it read and changed (the policy).</summary>
    private static HttpContent Content(object body) => body switch
    {
        PlacementRequestBody placement => JsonContent.Create(placement, ReplayApiJson.Default.PlacementRequestBody),
        JsonNode node => new StringContent(node.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        _ => throw new ArgumentException($"no JSON contract for a {body.GetType().Name} body", nameof(body)),
    };
}
