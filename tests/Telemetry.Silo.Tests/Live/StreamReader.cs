using System.Text;
using Telemetry.Silo.Live;

namespace Telemetry.Silo.Tests.Live;

/// <summary>Reads a live <c>/api/v1/stream</c> response event by event, as a browser would, with a deadline on every wait.</summary>
internal sealed class StreamReader : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly System.IO.StreamReader _text;

    private StreamReader(HttpResponseMessage response, Stream body)
    {
        _response = response;
        _text = new System.IO.StreamReader(body, Encoding.UTF8);
    }

    /// <summary>Comment lines seen so far (without the colon).</summary>
    public List<string> Comments { get; } = [];

    public static async Task<StreamReader> OpenAsync(HttpClient http, string path = "/api/v1/stream", string? lastEventId = null, string? apiKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);

        // As a browser asks: JSON answers come compressed, the stream never (it must flush event by event).
        request.Headers.Add("Accept-Encoding", "br, gzip");
        if (apiKey is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        }

        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        return new StreamReader(response, await response.Content.ReadAsStreamAsync());
    }

    /// <summary>The next event that <paramref name="match"/> accepts; those before it are passed over.</summary>
    public async Task<ServerSentEvent> NextAsync(Func<ServerSentEvent, bool> match, TimeSpan? timeout = null, string? what = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        try
        {
            while (true)
            {
                var e = await ReadEventAsync(deadline.Token) ?? throw new InvalidOperationException($"The stream ended before {what ?? "the event"} came.");
                if (match(e))
                {
                    return e;
                }
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"Gave up waiting for {what ?? "the event"} on the stream.");
        }
    }

    private async Task<ServerSentEvent?> ReadEventAsync(CancellationToken cancellationToken)
    {
        long? id = null;
        string? name = null;
        var data = new List<string>();
        while (await _text.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Count > 0)
                {
                    return new ServerSentEvent(id, name ?? "message", string.Join('\n', data));
                }

                continue;
            }

            if (line.StartsWith(':'))
            {
                Comments.Add(line[1..].Trim());
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var value = line[(colon + 1)..].TrimStart(' ');
            switch (line[..colon])
            {
                case "id": id = long.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case "event": name = value; break;
                case "data": data.Add(value); break;
                default: break;
            }
        }

        return null;
    }

    public ValueTask DisposeAsync()
    {
        _text.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}
