using Microsoft.Extensions.Options;
using Telemetry.Silo.Hosting;

namespace Telemetry.Silo.Tests.Live;

public sealed class LiveOptionsTests
{
    [Theory]
    [InlineData("--Live:PollInterval=00:00:00", "Live:PollInterval")]
    [InlineData("--Live:SummaryInterval=01:00:00", "Live:SummaryInterval")]
    [InlineData("--Live:HeartbeatInterval=00:00:00.001", "Live:HeartbeatInterval")]
    [InlineData("--Live:ClientBuffer=1", "Live:ClientBuffer")]
    public async Task Start_BadLiveSetting_FailsNamingTheKey(string argument, string key)
    {
        await using var app = TelemetrySilo.Build(SiloFixture.Arguments(argument));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }
}
