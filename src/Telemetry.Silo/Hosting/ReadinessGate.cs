namespace Telemetry.Silo.Hosting;

/// <summary>
/// Open once the host (silo and HTTP server) has started, closed again as soon as it starts stopping,
/// so exporters get 503 and go elsewhere instead of waiting on a leaving silo.
/// </summary>
public sealed class ReadinessGate(IHostApplicationLifetime lifetime) : IHostedService
{
    private volatile bool _ready;

    public bool IsReady => _ready;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ready = true);
        lifetime.ApplicationStopping.Register(() => _ready = false);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _ready = false;
        return Task.CompletedTask;
    }
}
