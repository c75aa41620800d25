using Telemetry.Benchmarks.Ingest;

namespace Telemetry.Benchmarks.Hosting;

/// <summary>Starts Debian's single-node VictoriaMetrics on a free loopback port with its data in a temporary folder.</summary>
internal static class VictoriaMetricsLauncher
{
    public const string Name = "victoria-metrics";

    public static async Task<IngestTarget> StartAsync(HttpClient probe, CancellationToken cancellationToken)
    {
        var binary = PeerBinary.Require("/usr/bin/victoria-metrics", "victoria-metrics");
        var data = Directory.CreateTempSubdirectory("telemetry-bench-vm-").FullName;
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        string[] arguments =
        [
            $"-httpListenAddr={baseAddress.Authority}",
            $"-storageDataPath={data}",
            "-retentionPeriod=1d",
            "-loggerLevel=WARN",
        ];
        var server = ServerProcess.Start(Name, binary, arguments, data, baseAddress, data);
        try
        {
            await server.WaitReadyAsync(probe, "/health", TimeSpan.FromSeconds(30), cancellationToken);
        }
        catch
        {
            server.Dispose();
            throw;
        }

        // The InfluxDB v2 write API; bucket and org are required by the protocol and ignored by VictoriaMetrics.
        return new IngestTarget(server, new Uri(baseAddress, "/api/v2/write?bucket=b&org=o&precision=ms"), "text/plain; charset=utf-8", BodyFormat.LineProtocol);
    }
}
