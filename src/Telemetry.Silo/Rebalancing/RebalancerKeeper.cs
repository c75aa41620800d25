using Telemetry.Grains;

namespace Telemetry.Silo.Rebalancing;

/// <summary>
/// Wakes the rebalancer grain, and wakes it again should its silo be lost: its timer runs only while it is
/// active, and nothing else calls it on a quiet cluster. Every silo does this; the grain is one.
/// </summary>
public sealed partial class RebalancerKeeper(IGrainFactory grains, ILogger<RebalancerKeeper> logger) : BackgroundService
{
    /// <summary>How often the grain is woken.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(30);

    /// <summary>How soon a failed wake (the silo still joining) is tried again.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = Period;
            try
            {
                await grains.GetGrain<IRebalancerGrain>(IRebalancerGrain.Key).GetPolicyAsync();
            }
#pragma warning disable CA1031 // The silo may still be joining or leaving; try again soon.
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                LogWakeFailed(e);
                next = RetryAfter;
            }

            await Task.Delay(next, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not wake the rebalancer yet")]
    private partial void LogWakeFailed(Exception exception);
}
