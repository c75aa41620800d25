using StackExchange.Redis;

namespace Telemetry.Silo.Hosting;

/// <summary>
/// Connects to Redis once before the silo starts, so an unreachable server stops start-up with one line
/// naming <c>Telemetry:Redis</c> rather than a stack trace from deep inside membership.
/// </summary>
public static class RedisPreflight
{
    public static void EnsureReachable(ConfigurationOptions options)
    {
        var probe = options.Clone();
        probe.AbortOnConnectFail = true;
        probe.ConnectTimeout = Math.Min(probe.ConnectTimeout, 5_000);
        probe.ConnectRetry = 1;
        try
        {
            using var connection = ConnectionMultiplexer.Connect(probe);
            connection.GetDatabase().Ping();
        }
        catch (Exception e) when (e is RedisConnectionException or RedisTimeoutException)
        {
            throw new SettingException($"{ClusterSettings.RedisKey}: cannot reach Redis at {string.Join(", ", options.EndPoints)} ({e.Message.Split('\n')[0]}).");
        }
    }
}
