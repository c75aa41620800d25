using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

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
    public void Logging_Defaults_PollyPerCallInformationOffTheSilosOwnOn()
    {
        // The appsettings.json the silo ships (its content root is its binaries folder), with nothing on top.
        var configuration = new ConfigurationBuilder().SetBasePath(AppContext.BaseDirectory).AddJsonFile("appsettings.json", optional: false).Build();
        using var loggers = LoggerFactory.Create(logging => logging.AddConfiguration(configuration.GetSection("Logging")).AddConsole());

        Assert.False(loggers.CreateLogger("Polly").IsEnabled(LogLevel.Information));
        Assert.True(loggers.CreateLogger("Polly").IsEnabled(LogLevel.Warning));
        Assert.True(loggers.CreateLogger("Telemetry.Silo.Sink.SinkWriter").IsEnabled(LogLevel.Information));
    }
}
