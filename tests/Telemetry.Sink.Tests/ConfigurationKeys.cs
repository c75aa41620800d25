using System.Reflection;
using Telemetry.Grains.Nodes;
using Telemetry.Silo.Demo;
using Telemetry.Silo.Hosting;
using Telemetry.Silo.Ingest;
using Telemetry.Silo.Sink;

namespace Telemetry.Sink.Tests;

/// <summary>Every configuration key the silo reads: its options classes' properties, and the keys <see cref="ClusterSettings"/> reads.</summary>
internal static class ConfigurationKeys
{
    /// <summary>The keys <see cref="ClusterSettings.Read"/> reads (each is checked to be read, in <see cref="DeployTests"/>).</summary>
    public static readonly string[] Cluster =
    [
        "Telemetry:Clustering:Provider",
        "Telemetry:Clustering:ClusterId",
        "Telemetry:Clustering:ServiceId",
        "Telemetry:Silo:SiloPort",
        "Telemetry:Silo:GatewayPort",
        "Telemetry:Silo:AdvertisedIp",
        "Telemetry:Storage:Provider",
        ClusterSettings.RedisKey,
    ];

    public static HashSet<string> All { get; } =
    [
        .. Cluster,
        .. Of(InfluxOptions.Section, typeof(InfluxOptions)),
        .. Of(IngestOptions.Section, typeof(IngestOptions)),
        .. Of(NodeMonitorOptions.Section, typeof(NodeMonitorOptions)),
        .. Of(DemoFleetOptions.Section, typeof(DemoFleetOptions)),
    ];

    /// <summary>An environment variable's configuration key: <c>Telemetry__Influx__Url</c> → <c>Telemetry:Influx:Url</c>.</summary>
    public static string FromEnvironment(string name) => name.Replace("__", ":", StringComparison.Ordinal);

    private static IEnumerable<string> Of(string section, Type options) =>
        options.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => $"{section}:{p.Name}");
}
