using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Telemetry.Silo.Hosting;

namespace Telemetry.Silo.Tests;

/// <summary>A started silo (Orleans and Kestrel on 127.0.0.1, free ports) with an HTTP client for it.</summary>
public sealed class RunningSilo : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningSilo(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Http { get; }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Builds and starts a silo with the test defaults of <see cref="SiloFixture.Arguments"/> plus <paramref name="extra"/>.</summary>
    public static Task<RunningSilo> StartAsync(params string[] extra) => StartAsync(extra, configure: null, map: null);

    /// <summary>As above, with services changed by <paramref name="configure"/> and endpoints added by <paramref name="map"/>.</summary>
    public static async Task<RunningSilo> StartAsync(string[] extra, Action<WebApplicationBuilder>? configure, Action<WebApplication>? map)
    {
        var app = TelemetrySilo.Build(SiloFixture.Arguments(extra), configure);
        map?.Invoke(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new RunningSilo(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
