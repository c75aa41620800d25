using Microsoft.Extensions.Options;
using Telemetry.Grains;
using Telemetry.Live;
using Telemetry.Silo.Api;
using Telemetry.Silo.Auth;
using Telemetry.Silo.Hosting;

namespace Telemetry.Silo.Live;

/// <summary>
/// This silo's reader of the cluster's feed: polls it by sequence and hands new events to <see cref="LiveHub"/>,
/// and while clients are connected, sends them a summary of every data center every few seconds.
/// </summary>
public sealed partial class LiveFeedPoller(
    LiveHub hub,
    IGrainFactory grains,
    IOptions<LiveOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<LiveFeedPoller> logger) : BackgroundService
{
    /// <summary>Events read in one poll at most; a full page is followed by another poll at once.</summary>
    public const int MaxPerPoll = 512;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await AppStart.WaitAsync(lifetime, stoppingToken))
        {
            return;
        }

        var feed = grains.GetGrain<ILiveFeedGrain>(ILiveFeedGrain.Key);
        long? cursor = null;
        var summaryDue = time.GetUtcNow();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var full = false;
                try
                {
                    (cursor, full) = await PollAsync(feed, cursor);
                    if (hub.ClientCount > 0 && time.GetUtcNow() >= summaryDue)
                    {
                        summaryDue = time.GetUtcNow() + options.Value.SummaryInterval;
                        await PublishSummaryAsync();
                    }
                }
#pragma warning disable CA1031 // A failed poll (the feed grain moving in a failover) is tried again next time.
                catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
                {
                    LogPollFailed(e);
                }

                if (!full)
                {
                    await Task.Delay(options.Value.PollInterval, time, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<(long Cursor, bool Full)> PollAsync(ILiveFeedGrain feed, long? cursor)
    {
        // First poll: start from now; what came before is the clients' to ask for (Last-Event-ID, recent).
        if (cursor is null)
        {
            return ((await feed.RecentAsync(0)).Newest, false);
        }

        var page = await feed.ReadAsync(cursor.Value, MaxPerPoll);
        if (page.Gap)
        {
            LogFeedGap(cursor.Value, page.Newest);
        }

        foreach (var e in page.Events)
        {
            hub.Publish(new ServerSentEvent(e.Sequence, e.Kind, e.Json, e.DataCenters));
        }

        var next = page.Events.Length > 0 ? page.Events[^1].Sequence : page.Gap ? page.Newest : cursor.Value;
        return (next, page.Events.Length == MaxPerPoll);
    }

    private async Task PublishSummaryAsync()
    {
        hub.PublishSummary(time.GetUtcNow(), await StateEndpoints.AllDataCentersAsync(grains, VisibleDataCenters.All));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling the live feed failed; trying again")]
    private partial void LogPollFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The live feed moved on from {Cursor} to {Newest} (restarted or overrun); clients may have missed events")]
    private partial void LogFeedGap(long cursor, long newest);
}
