using System.Net.Sockets;
using System.Text;

namespace Telemetry.Cluster.Tests;

/// <summary>
/// redis-server and several silo processes (Redis membership and storage) on free 127.0.0.1 ports, built
/// from this checkout. Each silo keeps its ports across restarts, as a real deployment would.
/// </summary>
internal sealed class LocalCluster : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("telemetry-cluster-").FullName;
    private readonly string _clusterId = $"test-{Guid.NewGuid():N}"[..16];
    private readonly int _redisPort = FreePort.Next();
    private readonly List<SiloSlot> _silos = [];
    private ChildProcess? _redis;

    public IReadOnlyList<Uri> Urls => [.. _silos.Select(s => s.Url)];

    /// <summary>The cluster's redis-server, as a StackExchange.Redis connection string.</summary>
    public string RedisEndpoint => $"127.0.0.1:{_redisPort}";

    public static async Task<LocalCluster> StartAsync(int silos)
    {
        var cluster = new LocalCluster();
        try
        {
            await cluster.StartRedisAsync();
            for (var i = 0; i < silos; i++)
            {
                cluster._silos.Add(new SiloSlot(FreePort.Next(), FreePort.Next(), FreePort.Next()));
            }

            // One at a time: the first silo creates the cluster's membership rows, the others join it.
            for (var i = 0; i < silos; i++)
            {
                await cluster.StartSiloAsync(i);
            }

            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async Task StartSiloAsync(int index)
    {
        var slot = _silos[index];
        slot.Process?.Dispose();
        slot.Process = ChildProcess.Start("dotnet", [
            Repository.SiloDll,
            "--urls", slot.Url.ToString().TrimEnd('/'),
            "--Telemetry:Clustering:Provider=Redis",
            "--Telemetry:Storage:Provider=Redis",
            $"--Telemetry:Redis=127.0.0.1:{_redisPort}",
            $"--Telemetry:Clustering:ClusterId={_clusterId}",
            $"--Telemetry:Silo:SiloPort={slot.SiloPort}",
            $"--Telemetry:Silo:GatewayPort={slot.GatewayPort}",
            "--Logging:LogLevel:Default=Warning",
        ], Path.Combine(_directory, $"silo-{index}.log"));
        await WaitReadyAsync(index, TimeSpan.FromSeconds(90));
    }

    /// <summary>kill -9: the silo vanishes mid-request, with whatever it held in memory.</summary>
    public void KillSilo(int index) => _silos[index].Process!.KillHard();

    /// <summary>SIGTERM: the silo stops taking ingest (503), persists, leaves the cluster and exits.</summary>
    public bool StopSilo(int index) => _silos[index].Process!.Terminate(TimeSpan.FromSeconds(45));

    public async Task RestartRedisAsync(TimeSpan down)
    {
        // SIGTERM: Redis writes its append-only file and leaves; then it is away for a while, as in a restart.
        _redis!.Terminate(TimeSpan.FromSeconds(20));
        await Task.Delay(down);
        await StartRedisAsync();
    }

    public string Diagnostics() => string.Join("\n", _silos.Select((s, i) => $"--- silo {i} ({s.Url}):\n{s.Process?.Tail()}")) + $"\n--- redis:\n{_redis?.Tail(15)}";

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            silo.Process?.Dispose();
        }

        _redis?.Dispose();
        await Task.Yield();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task StartRedisAsync()
    {
        _redis?.Dispose();
        _redis = ChildProcess.Start("redis-server", [
            "--port", _redisPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--bind", "127.0.0.1", "--dir", _directory, "--appendonly", "yes", "--save", "", "--protected-mode", "no",
        ], Path.Combine(_directory, "redis.log"));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await PingRedisAsync())
        {
            if (_redis.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"redis-server did not start on port {_redisPort}:\n{_redis.Tail()}");
            }

            await Task.Delay(100);
        }
    }

    private async Task<bool> PingRedisAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", _redisPort);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private async Task WaitReadyAsync(int index, TimeSpan timeout)
    {
        var slot = _silos[index];
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                if ((await http.GetAsync(new Uri(slot.Url, "/readyz"))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            if (slot.Process!.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"silo {index} did not become ready:\n{slot.Process.Tail()}");
            }

            await Task.Delay(200);
        }
    }

    private sealed class SiloSlot(int httpPort, int siloPort, int gatewayPort)
    {
        public Uri Url { get; } = new($"http://127.0.0.1:{httpPort}/");
        public int SiloPort { get; } = siloPort;
        public int GatewayPort { get; } = gatewayPort;
        public ChildProcess? Process { get; set; }
    }
}
