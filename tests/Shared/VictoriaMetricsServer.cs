namespace Telemetry.Testing;

/// <summary>Starts Debian's single-node VictoriaMetrics (<c>/usr/bin/victoria-metrics</c>) on a loopback port with a given data folder.</summary>
internal static class VictoriaMetricsServer
{
    public const string Binary = "/usr/bin/victoria-metrics";

    /// <summary>Starts it and waits for <c>/health</c>; the data folder is deleted on dispose only when <paramref name="deleteData"/>.</summary>
    public static async Task<ServerProcess> StartAsync(HttpClient probe, string dataDirectory, int port, bool deleteData, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(probe);
        if (!File.Exists(Binary))
        {
            throw new ServerStartException($"{Binary} not found: install the Debian package 'victoria-metrics' (as root: apt-get install -y victoria-metrics).");
        }

        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        string[] arguments =
        [
            $"-httpListenAddr={baseAddress.Authority}",
            $"-storageDataPath={dataDirectory}",
            "-retentionPeriod=1d",
            "-loggerLevel=WARN",
        ];
        var server = ServerProcess.Start("victoria-metrics", Binary, arguments, dataDirectory, baseAddress, deleteData ? dataDirectory : null);
        try
        {
            await server.WaitReadyAsync(probe, "/health", TimeSpan.FromSeconds(30), cancellationToken);
        }
        catch
        {
            server.Dispose();
            throw;
        }

        return server;
    }
}
