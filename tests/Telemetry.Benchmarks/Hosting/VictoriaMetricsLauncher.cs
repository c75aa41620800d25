using Telemetry.Benchmarks.Ingest;

namespace Telemetry.Benchmarks.Hosting;

/// <summary>Starts Debian's single-node VictoriaMetrics on a free loopback port with its data in a temporary folder.</summary>
internal static class VictoriaMetricsLauncher
{
    public const string Name = "victoria-metrics";

    public static async Task<IngestTarget> StartAsync(HttpClient probe, CancellationToken cancellationToken)
    {
        PeerBinary.Require(VictoriaMetricsServer.Binary, "victoria-metrics");
        var data = Directory.CreateTempSubdirectory("telemetry-bench-vm-").FullName;
        var server = await VictoriaMetricsServer.StartAsync(probe, data, FreePort.Next(), deleteData: true, cancellationToken);
        var baseAddress = server.BaseAddress;

        // The InfluxDB v2 write API; bucket and org are required by the protocol and ignored by VictoriaMetrics.
        return new IngestTarget(server, new Uri(baseAddress, "/api/v2/write?bucket=b&org=o&precision=ms"), "text/plain; charset=utf-8", BodyFormat.LineProtocol);
    }
}
