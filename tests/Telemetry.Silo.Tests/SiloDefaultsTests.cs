using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telemetry.Silo.Hosting;

namespace Telemetry.Silo.Tests;

[Collection(SiloCollection.Name)]
public sealed class SiloDefaultsTests(SiloFixture silo)
{
    [Fact]
    public async Task FaviconIco_Get_IsAnIconNotA404()
    {
        using var response = await silo.Http.GetAsync(new Uri("/favicon.ico", UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/x-icon", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0, 0, 1, 0 }, bytes[..4]); // the ICO header: reserved 0, type 1 (icon)
    }

    [Fact]
    public async Task Logging_Defaults_PollyPerCallInformationOffTheSilosOwnOn()
    {
        // The shipped appsettings.json only: no Logging override on the command line.
        await using var app = TelemetrySilo.Build(["--urls", "http://127.0.0.1:0", $"--Telemetry:Silo:SiloPort={FreePort.Next()}", $"--Telemetry:Silo:GatewayPort={FreePort.Next()}"]);
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();

        Assert.False(loggers.CreateLogger("Polly").IsEnabled(LogLevel.Information));
        Assert.True(loggers.CreateLogger("Polly").IsEnabled(LogLevel.Warning));
        Assert.True(loggers.CreateLogger("Telemetry.Silo.Sink.SinkWriter").IsEnabled(LogLevel.Information));
    }
}
