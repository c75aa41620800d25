using System.Diagnostics;
using System.Net;
using Telemetry.Wire;

namespace Telemetry.Exporter.Sending;

/// <summary>
/// Posts bodies to <c>/api/v1/ingest</c> following WIRE.md's idempotency rule: the same bytes are retried,
/// moving to the next server with back-off, until a 2xx or a 4xx other than 429 ends it.
/// </summary>
public sealed class IngestSender(
    HttpClient http,
    IReadOnlyList<Uri> endpoints,
    string? token,
    RetryPolicy retry,
    SemaphoreSlim gate,
    SendCounters counters,
    TimeProvider time)
{
    private const int MaxProblemChars = 512;
    private readonly string? _authorization = token is null ? null : $"Bearer {token}";

    /// <summary>Attempts before a body counts as undeliverable for now: every server once, then the first again.</summary>
    public int RoundAttempts => endpoints.Count + 1;

    /// <summary>
    /// Sends one body until it is accepted, rejected, <paramref name="ct"/> is cancelled, or
    /// <paramref name="maxAttempts"/> attempts have failed (<see cref="SendOutcome.Unavailable"/>).
    /// </summary>
    public async Task<SendResult> SendAsync(SendRequest request, CancellationToken ct, int maxAttempts = int.MaxValue)
    {
        var server = request.FirstServer % endpoints.Count;
        var attempts = 0;
        while (true)
        {
            attempts++;
            var (outcome, retryAfter) = await AttemptAsync(endpoints[server], request, ct);
            if (outcome is { } final)
            {
                return new SendResult(final, server, attempts);
            }

            if (attempts >= maxAttempts)
            {
                return new SendResult(SendOutcome.Unavailable, (server + 1) % endpoints.Count, attempts);
            }

            counters.RecordRetry();
            server = (server + 1) % endpoints.Count;
            var delay = retry.DelayAfter(attempts);
            try
            {
                await Task.Delay(retryAfter > delay ? retryAfter : delay, time, ct);
            }
            catch (OperationCanceledException)
            {
                return new SendResult(SendOutcome.Cancelled, server, attempts);
            }
        }
    }

    /// <summary>One POST. Returns the final outcome, or null and how long the server asked us to wait.</summary>
    private async Task<(SendOutcome? Outcome, TimeSpan RetryAfter)> AttemptAsync(Uri endpoint, SendRequest request, CancellationToken ct)
    {
        try
        {
            await gate.WaitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return (SendOutcome.Cancelled, TimeSpan.Zero);
        }

        counters.RequestStarted();
        var started = time.GetTimestamp();
        try
        {
            // The headers are constants: added as text, they skip a parse and a header object per request.
            using var content = new ReadOnlyMemoryContent(request.Body);
            content.Headers.TryAddWithoutValidation("Content-Type", WireContentTypes.MessagePack);
            if (request.Gzip)
            {
                content.Headers.TryAddWithoutValidation("Content-Encoding", "gzip");
            }

            using var message = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content };
            if (_authorization is not null)
            {
                message.Headers.TryAddWithoutValidation("Authorization", _authorization);
            }

            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, ct);
            counters.RecordLatency(time.GetElapsedTime(started));
            return await ClassifyAsync(response, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return (SendOutcome.Cancelled, TimeSpan.Zero);
        }
        catch (OperationCanceledException)
        {
            // HttpClient.Timeout surfaces as a cancellation the caller did not ask for.
            counters.RecordError("timeout");
            return (null, TimeSpan.Zero);
        }
        catch (HttpRequestException e)
        {
            counters.RecordError(e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
                ? "connection"
                : "transport");
            return (null, TimeSpan.Zero);
        }
        finally
        {
            counters.RequestEnded();
            gate.Release();
        }
    }

    private async Task<(SendOutcome? Outcome, TimeSpan RetryAfter)> ClassifyAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        if (status is >= 200 and < 300)
        {
            return (SendOutcome.Accepted, TimeSpan.Zero);
        }

        counters.RecordError(ErrorKinds.ForStatus(status));
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return (null, RetryAfterOf(response));
        }

        if (status is >= 400 and < 500)
        {
            var problem = await response.Content.ReadAsStringAsync(ct);
            counters.RecordRejection(status, problem.Length > MaxProblemChars ? problem[..MaxProblemChars] : problem);
            return (SendOutcome.Rejected, TimeSpan.Zero);
        }

        return (null, TimeSpan.Zero);
    }

    private TimeSpan RetryAfterOf(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        Debug.Assert(header is null, "Retry-After has either a delta or a date.");
        return TimeSpan.Zero;
    }
}
