using System.Net;
using System.Text.RegularExpressions;
using StackExchange.Redis;

namespace Telemetry.Silo.Hosting;

/// <summary>
/// The cluster's settings (<c>Telemetry:Clustering</c>, <c>Telemetry:Silo</c>, <c>Telemetry:Storage</c>).
/// Read before the host is built, because Orleans is configured from them, so they are validated here
/// rather than through options validation.
/// </summary>
public sealed partial record ClusterSettings(
    string Provider,
    string ClusterId,
    string ServiceId,
    int SiloPort,
    int GatewayPort,
    IPAddress AdvertisedIp,
    string StorageProvider,
    ConfigurationOptions? Redis)
{
    public const string Localhost = "Localhost";
    public const string Memory = "Memory";
    public const string RedisName = "Redis";
    public const string RedisKey = "Telemetry:Redis";
    public const string SiloPortKey = "Telemetry:Silo:SiloPort";
    public const string GatewayPortKey = "Telemetry:Silo:GatewayPort";

    private static readonly string[] Providers = [Localhost, RedisName];
    private static readonly string[] StorageProviders = [Memory, RedisName];

    /// <summary>True when membership lives in Redis, so several silos form one cluster.</summary>
    public bool UsesRedisClustering => Provider == RedisName;

    /// <summary>True when grain state survives a silo: the durable parts are written, and read on activation.</summary>
    public bool IsDurable => StorageProvider == RedisName;

    /// <summary>Reads and validates the settings; throws <see cref="SettingException"/> naming every bad key.</summary>
    public static ClusterSettings Read(IConfiguration configuration)
    {
        var errors = new List<string>();
        var provider = Choice(configuration, "Telemetry:Clustering:Provider", Providers, Localhost, errors);
        var storage = Choice(configuration, "Telemetry:Storage:Provider", StorageProviders, Memory, errors);
        var settings = new ClusterSettings(
            provider,
            Name(configuration, "Telemetry:Clustering:ClusterId", errors),
            Name(configuration, "Telemetry:Clustering:ServiceId", errors),
            Port(configuration, SiloPortKey, 11111, errors),
            Port(configuration, GatewayPortKey, 30000, errors),
            Address(configuration, "Telemetry:Silo:AdvertisedIp", errors),
            storage,
            RedisOptions(configuration, provider == RedisName || storage == RedisName, errors));
        if (errors.Count > 0)
        {
            throw new SettingException(string.Join(Environment.NewLine, errors));
        }

        return settings;
    }

    /// <summary>The settings for a log line: Redis endpoints only, never its password.</summary>
    public override string ToString() =>
        $"Provider={Provider}, ClusterId={ClusterId}, ServiceId={ServiceId}, SiloPort={SiloPort}, GatewayPort={GatewayPort}, " +
        $"AdvertisedIp={AdvertisedIp}, Storage={StorageProvider}, Redis={(Redis is null ? "none" : string.Join(",", Redis.EndPoints))}";

    private static ConfigurationOptions? RedisOptions(IConfiguration configuration, bool needed, List<string> errors)
    {
        var value = configuration[RedisKey];
        if (string.IsNullOrWhiteSpace(value))
        {
            if (needed)
            {
                errors.Add($"{RedisKey} is not set; Redis clustering or storage needs a StackExchange.Redis connection string, e.g. 127.0.0.1:6379.");
            }

            return null;
        }

        try
        {
            var options = ConfigurationOptions.Parse(value);
            if (options.EndPoints.Count == 0)
            {
                errors.Add($"{RedisKey} names no endpoint; expected e.g. 127.0.0.1:6379.");
            }

            return options;
        }
        catch (ArgumentException e)
        {
            errors.Add($"{RedisKey} is not a StackExchange.Redis connection string: {e.Message}");
            return null;
        }
    }

    private static string Choice(IConfiguration configuration, string key, string[] allowed, string fallback, List<string> errors)
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        var match = allowed.FirstOrDefault(a => string.Equals(a, value, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            errors.Add($"{key} is '{value}'; supported values: {string.Join(", ", allowed)}.");
        }

        return match ?? fallback;
    }

    private static string Name(IConfiguration configuration, string key, List<string> errors)
    {
        var value = configuration[key];
        if (string.IsNullOrEmpty(value))
        {
            return "telemetry";
        }

        if (!NamePattern().IsMatch(value))
        {
            errors.Add($"{key} is '{value}'; expected 1–64 characters of letters, digits, '.', '_' or '-'.");
        }

        return value;
    }

    private static int Port(IConfiguration configuration, string key, int fallback, List<string> errors)
    {
        var value = configuration[key];
        if (string.IsNullOrEmpty(value))
        {
            return fallback;
        }

        if (!int.TryParse(value, out var port) || port is < 1 or > 65535)
        {
            errors.Add($"{key} is '{value}'; expected a TCP port, 1–65535.");
            return fallback;
        }

        return port;
    }

    private static IPAddress Address(IConfiguration configuration, string key, List<string> errors)
    {
        var value = configuration[key];
        if (string.IsNullOrEmpty(value))
        {
            return IPAddress.Loopback;
        }

        if (!IPAddress.TryParse(value, out var address))
        {
            errors.Add($"{key} is '{value}'; expected an IP address (Orleans advertises addresses, not host names).");
            return IPAddress.Loopback;
        }

        return address;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex NamePattern();
}
