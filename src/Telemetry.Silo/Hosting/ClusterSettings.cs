using System.Net;
using System.Text.RegularExpressions;

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
    string StorageProvider)
{
    public const string Localhost = "Localhost";
    public const string Memory = "Memory";

    private static readonly string[] Providers = [Localhost];
    private static readonly string[] StorageProviders = [Memory];

    /// <summary>Reads and validates the settings; throws <see cref="SettingException"/> naming every bad key.</summary>
    public static ClusterSettings Read(IConfiguration configuration)
    {
        var errors = new List<string>();
        var settings = new ClusterSettings(
            Choice(configuration, "Telemetry:Clustering:Provider", Providers, Localhost, errors),
            Name(configuration, "Telemetry:Clustering:ClusterId", errors),
            Name(configuration, "Telemetry:Clustering:ServiceId", errors),
            Port(configuration, "Telemetry:Silo:SiloPort", 11111, errors),
            Port(configuration, "Telemetry:Silo:GatewayPort", 30000, errors),
            Address(configuration, "Telemetry:Silo:AdvertisedIp", errors),
            Choice(configuration, "Telemetry:Storage:Provider", StorageProviders, Memory, errors));
        if (errors.Count > 0)
        {
            throw new SettingException(string.Join(Environment.NewLine, errors));
        }

        return settings;
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
