using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;
using Telemetry.Silo.Hosting;

namespace Telemetry.Silo.Probes;

/// <summary>
/// Pings the Redis that holds membership or grain state. Without it the silo cannot activate durable grains or
/// follow the cluster, so it is not ready. One connection, opened at the first check and kept.
/// </summary>
public sealed class RedisCheck(ClusterSettings settings) : IHealthCheck, IAsyncDisposable
{
    private readonly Lazy<Task<ConnectionMultiplexer>> _connection = new(() => Connect(settings));

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var endpoints = string.Join(", ", settings.Redis!.EndPoints);
        try
        {
            var connection = await _connection.Value;
            var latency = await connection.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            return HealthCheckResult.Healthy($"{endpoints} answers in {latency.TotalMilliseconds:F1} ms");
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"{ClusterSettings.RedisKey}: Redis at {endpoints} does not answer ({e.Message.Split('\n')[0]})");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection.IsValueCreated)
        {
            await (await _connection.Value).DisposeAsync();
        }
    }

    private static Task<ConnectionMultiplexer> Connect(ClusterSettings settings)
    {
        var options = settings.Redis!.Clone();

        // Keeps reconnecting in the background, so readiness comes back by itself once Redis does.
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = Math.Min(options.ConnectTimeout, 2_000);
        return ConnectionMultiplexer.ConnectAsync(options);
    }
}
