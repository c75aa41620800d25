using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Telemetry.Silo.Hosting;

namespace Telemetry.Silo.Tests;

/// <summary>
/// A real silo: Orleans on free loopback ports and Kestrel on 127.0.0.1, in this process. Node silence is
/// judged after 1 s instead of 10 s so offline tests stay short; the body limit is 256 KiB so 413 is cheap.
/// </summary>
public sealed class SiloFixture : IAsyncLifetime
{
    public const long MaxBodyBytes = 256 * 1024;

    private WebApplication? _app;

    public HttpClient Http { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

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
        .. extra,
    ];

    public async Task InitializeAsync()
    {
        _app = TelemetrySilo.Build(Arguments());
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        BaseAddress = new Uri(address);
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
