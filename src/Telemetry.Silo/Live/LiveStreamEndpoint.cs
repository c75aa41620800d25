using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Telemetry.Grains;
using Telemetry.Grains.Live;
using Telemetry.Live;
using Telemetry.Silo.Api;
using Telemetry.Silo.Auth;

namespace Telemetry.Silo.Live;

/// <summary><c>GET /api/v1/stream</c>: Server-Sent Events of health changes, decisions and summaries.</summary>
public static class LiveStreamEndpoint
{
    /// <summary>Most events a client may ask for with <c>recent</c>.</summary>
    public const int MaxRecent = 500;

    // How long a browser waits before reconnecting after the stream ends (a silo stopping, the client dropped).
    private static readonly TimeSpan ReconnectAfter = TimeSpan.FromSeconds(2);

    public static async Task<IResult> StreamAsync(
        HttpContext context, int? recent, LiveHub hub, IGrainFactory grains, DataCenterAccess access, IOptions<LiveOptions> options, TimeProvider time, IHostApplicationLifetime lifetime)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (recent is < 0 or > MaxRecent)
        {
            return ApiProblems.BadRequest($"recent must be 0–{MaxRecent} events; got {recent}.");
        }

        var lastEventId = SseText.ParseLastEventId(context.Request.Headers["Last-Event-ID"]);
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        // nginx and its kin buffer responses unless told not to; a buffered stream is not live.
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        // Connected before the backlog is read, so nothing published meanwhile is missed; repeats are skipped by sequence.
        // A tenant-scoped key is sent events of its tenant's data centers only, summaries included.
        var client = hub.Connect(await access.ForAsync(context.User, context.RequestAborted));
        // Ended when the silo stops, too: an open stream would otherwise hold up shutdown, and the client resumes on another silo.
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var aborted = ending.Token;
        try
        {
            await response.WriteAsync(SseText.Retry(ReconnectAfter) + SseText.Comment("telemetry live stream"), aborted);
            var feed = grains.GetGrain<ILiveFeedGrain>(ILiveFeedGrain.Key);
            var backlog = lastEventId is { } after ? await feed.ReadAsync(after, LiveFeedGrain.Capacity)
                : recent > 0 ? await feed.RecentAsync(recent.Value)
                : null;
            // Up to where the client has been, even if this silo's poller is behind the silo it came from; not after a gap (the feed restarted).
            var written = lastEventId is { } seen && backlog is { Gap: false } ? seen : 0L;
            foreach (var e in backlog?.Events ?? [])
            {
                var sse = new ServerSentEvent(e.Sequence, e.Kind, e.Json, e.DataCenters);
                if (client.Sees(sse))
                {
                    await response.WriteAsync(SseText.Format(sse), aborted);
                }

                written = e.Sequence;
            }

            if (hub.SummaryFor(client.Visible) is { } summary)
            {
                await response.WriteAsync(SseText.Format(summary), aborted);
            }

            await response.Body.FlushAsync(aborted);
            await RelayAsync(response, client, written, options.Value.HeartbeatInterval, time, aborted);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
        }
        finally
        {
            hub.Disconnect(client);
        }

        return Results.Empty;
    }

    // Until the client goes away or is dropped for falling behind (then it reconnects with Last-Event-ID).
    private static async Task RelayAsync(HttpResponse response, LiveClient client, long written, TimeSpan heartbeat, TimeProvider time, CancellationToken aborted)
    {
        while (true)
        {
            using var quiet = new CancellationTokenSource(heartbeat, time);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(quiet.Token, aborted);
            try
            {
                if (!await client.Pending.WaitToReadAsync(wait.Token))
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
            {
                await response.WriteAsync(SseText.Comment("heartbeat"), aborted);
                await response.Body.FlushAsync(aborted);
                continue;
            }

            while (client.Pending.TryRead(out var e))
            {
                if (e.Id is { } sequence)
                {
                    if (sequence <= written)
                    {
                        continue;
                    }

                    written = sequence;
                }

                await response.WriteAsync(SseText.Format(e), aborted);
            }

            await response.Body.FlushAsync(aborted);
        }
    }
}
