using Telemetry.Benchmarks.Ingest;

namespace Telemetry.Benchmarks.Hosting;

/// <summary>Starts Debian's InfluxDB 1.x with a generated configuration: every port on free loopback ports, everything in a temporary folder.</summary>
internal static class InfluxDbLauncher
{
    public const string Name = "influxdb";

    public static async Task<IngestTarget> StartAsync(HttpClient probe, CancellationToken cancellationToken)
    {
        var binary = PeerBinary.Require("/usr/bin/influxd", "influxdb");
        var root = Directory.CreateTempSubdirectory("telemetry-bench-influx-").FullName;
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var config = Path.Combine(root, "influxdb.conf");
        await File.WriteAllTextAsync(config, $"""
            reporting-disabled = true
            bind-address = "127.0.0.1:{FreePort.Next()}"

            [meta]
              dir = "{root}/meta"
              logging-enabled = false

            [data]
              dir = "{root}/data"
              wal-dir = "{root}/wal"
              query-log-enabled = false

            [monitor]
              store-enabled = false

            [continuous_queries]
              enabled = false

            [http]
              enabled = true
              bind-address = "{baseAddress.Authority}"
              log-enabled = false

            [logging]
              level = "warn"
              suppress-logo = true
            """, cancellationToken);

        var server = ServerProcess.Start(Name, binary, ["-config", config], root, baseAddress, root);
        try
        {
            await server.WaitReadyAsync(probe, "/ping", TimeSpan.FromSeconds(30), cancellationToken);
            using var create = await probe.PostAsync(new Uri(baseAddress, "/query?q=CREATE%20DATABASE%20bench"), null, cancellationToken);
            if (!create.IsSuccessStatusCode)
            {
                throw new BenchmarkSetupException($"influxdb answered {(int)create.StatusCode} to CREATE DATABASE: {await create.Content.ReadAsStringAsync(cancellationToken)}");
            }
        }
        catch
        {
            server.Dispose();
            throw;
        }

        return new IngestTarget(server, new Uri(baseAddress, "/write?db=bench&precision=ms"), "text/plain; charset=utf-8", BodyFormat.LineProtocol);
    }
}
