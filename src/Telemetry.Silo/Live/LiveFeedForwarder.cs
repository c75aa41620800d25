using Telemetry.Grains;
using Telemetry.Grains.Live;
using Telemetry.Live;
using Telemetry.Silo.Hosting;

namespace Telemetry.Silo.Live;

/// <summary>Appends what this silo's <see cref="LiveFeedWriter"/> queued to the cluster's feed grain, in batches.</summary>
public sealed partial class LiveFeedForwarder(
    LiveFeedWriter writer,
    IGrainFactory grains,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<LiveFeedForwarder> logger) : BackgroundService
{
    /// <summary>Events sent in one call at most.</summary>
    public const int MaxBatch = 256;

    // Long enough to gather a burst (a node going offline changes nine subjects at once), short for a person watching.
    private static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await AppStart.WaitAsync(lifetime, stoppingToken))
        {
            return;
        }

        var feed = grains.GetGrain<ILiveFeedGrain>(ILiveFeedGrain.Key);
        var batch = new List<LiveEvent>(MaxBatch);
        try
        {
            while (await writer.Queue.WaitToReadAsync(stoppingToken))
            {
                await Task.Delay(Gather, time, stoppingToken);
                while (batch.Count < MaxBatch && writer.Queue.TryRead(out var e))
                {
                    batch.Add(e);
                }

                await AppendAsync(feed, [.. batch], stoppingToken);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task AppendAsync(ILiveFeedGrain feed, LiveEvent[] batch, CancellationToken stoppingToken)
    {
        // Retried until it lands (the feed grain moves during a failover); meanwhile the writer's bounded queue drops its oldest.
        while (true)
        {
            try
            {
                await feed.AppendAsync(batch);
                return;
            }
#pragma warning disable CA1031 // Any failure of the call is retried; the feed must outlive a silo's loss.
            catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
            {
                LogAppendFailed(e, batch.Length);
                await Task.Delay(RetryAfter, time, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not append {Count} events to the live feed; retrying")]
    private partial void LogAppendFailed(Exception exception, int count);
}
