using System.Diagnostics.Metrics;
using Telemetry.Silo.Hosting;

namespace Telemetry.Silo.Metrics;

/// <summary>
/// This silo's grain activations by type, sampled every <see cref="Period"/> from this silo alone, so a scrape
/// reads a cached figure and never asks the whole cluster for its statistics.
/// </summary>
public sealed partial class GrainActivations(IGrainFactory grains, ILocalSiloDetails silo, IHostApplicationLifetime lifetime, TimeProvider time, ILogger<GrainActivations> logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(30);

    private volatile Measurement<int>[] _latest = [];

    /// <summary>The latest sample, one measurement per grain type of the project.</summary>
    public IEnumerable<Measurement<int>> Measure() => _latest;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await AppStart.WaitAsync(lifetime, stoppingToken))
        {
            return;
        }

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await SampleAsync();
                await Task.Delay(Period, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task SampleAsync()
    {
        try
        {
            var statistics = await grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics([silo.SiloAddress]);
            _latest = [.. statistics
                .Where(s => s.GrainType.StartsWith("Telemetry.", StringComparison.Ordinal))
                .GroupBy(s => s.GrainType, StringComparer.Ordinal)
                .Select(g => new Measurement<int>(g.Sum(s => s.ActivationCount), new KeyValuePair<string, object?>("type", g.Key)))];
        }
#pragma warning disable CA1031 // a failed sample keeps the previous one; the next period tries again
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogSampleFailed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sampling this silo's grain activations failed; /metrics keeps the previous sample")]
    private partial void LogSampleFailed(Exception exception);
}
