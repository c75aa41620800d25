using Microsoft.Extensions.Logging;
using System.Net;
using Microsoft.Extensions.Options;
using Telemetry.Silo.Hosting;

namespace Telemetry.Silo.Tests.Access;

/// <summary>The embedded default: no keys, no token secret: open, and said loudly at start; bad key settings stop start-up.</summary>
public sealed class OpenAccessTests
{
    [Fact]
    public async Task NoKeys_AccessIsOpenAndTheSiloSaysSo()
    {
        var logs = new LogCapture();
        await using var silo = await RunningSilo.StartAsync([], builder => builder.Logging.AddProvider(logs), map: null);

        var read = await TestKeys.SendAsync(silo.Http, HttpMethod.Get, "/api/v1/fleet", key: null);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Contains(logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("API access is OPEN", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("Ingest authentication is OFF", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--Telemetry:Auth:ApiKeys:ci:Sha256=not-hex", "--Telemetry:Auth:ApiKeys:ci:Role=viewer", "Telemetry:Auth:ApiKeys:ci:Sha256")]
    [InlineData("--Telemetry:Auth:ApiKeys:ci:Sha256=0000000000000000000000000000000000000000000000000000000000000000", "--Telemetry:Auth:ApiKeys:ci:Role=superuser", "Telemetry:Auth:ApiKeys:ci:Role")]
    public async Task BadKeySetting_StartFailsNamingTheKey(string first, string second, string key)
    {
        var error = await Record.ExceptionAsync(async () =>
        {
            await using var app = TelemetrySilo.Build(SiloFixture.Arguments(first, second));
            await app.StartAsync();
        });

        var failure = Assert.IsType<OptionsValidationException>(error);
        Assert.Contains(key, failure.Message, StringComparison.Ordinal);
    }
}
