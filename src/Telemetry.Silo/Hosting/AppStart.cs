namespace Telemetry.Silo.Hosting;

/// <summary>Waits for the host to have started (the silo joined, Kestrel serving) before background work calls grains.</summary>
internal static class AppStart
{
    /// <summary>True once started; false when stopping came first.</summary>
    public static async Task<bool> WaitAsync(IHostApplicationLifetime lifetime, CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await Task.WhenAny(started.Task, Task.Delay(Timeout.Infinite, stoppingToken)).ConfigureAwait(false);
        return started.Task.IsCompleted && !stoppingToken.IsCancellationRequested;
    }
}
