namespace Telemetry.Silo.Tests;

/// <summary>
/// One real silo shared by a test collection. Node silence is judged after 1 s instead of 10 s so offline
/// tests stay short; the body limit is 256 KiB so 413 is cheap to provoke.
/// </summary>
public sealed class SiloFixture : IAsyncLifetime
{
    public const long MaxBodyBytes = 256 * 1024;

    private RunningSilo? _silo;

    public HttpClient Http => _silo!.Http;

    public Uri BaseAddress => _silo!.BaseAddress;

    public IServiceProvider Services => _silo!.Services;

    /// <summary>Test defaults: free loopback ports, short offline detection, a small body limit, quiet logs.</summary>
    public static string[] Arguments(params string[] extra) =>
    [
        "--urls", "http://127.0.0.1:0",
        $"--Telemetry:Silo:SiloPort={FreePort.Next()}",
        $"--Telemetry:Silo:GatewayPort={FreePort.Next()}",
        $"--Ingest:MaxBodyBytes={MaxBodyBytes}",
        "--Telemetry:Nodes:MinOfflineAfter=00:00:01",
        "--Telemetry:Nodes:CheckPeriod=00:00:00.200",
        "--Telemetry:Nodes:SummaryHeartbeat=00:00:01",
        "--Logging:LogLevel:Default=Warning",

        // The rebalancer would drain other tests' unhealthy nodes; tests of it run their own silo.
        "--Telemetry:Rebalancer:Interval=01:00:00",
        .. extra,
    ];

    public async Task InitializeAsync() => _silo = await RunningSilo.StartAsync();

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }
}
