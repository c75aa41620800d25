using Microsoft.Extensions.Options;
using Telemetry.Silo.Hosting;

namespace Telemetry.Silo.Tests;

public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("--Telemetry:Clustering:Provider=Zookeeper", "Telemetry:Clustering:Provider")]
    [InlineData("--Telemetry:Silo:SiloPort=70000", "Telemetry:Silo:SiloPort")]
    [InlineData("--Telemetry:Silo:AdvertisedIp=silo.example", "Telemetry:Silo:AdvertisedIp")]
    [InlineData("--Telemetry:Storage:Provider=Cassandra", "Telemetry:Storage:Provider")]
    public void Build_BadClusterSetting_ThrowsNamingTheKey(string argument, string key)
    {
        var error = Assert.Throws<SettingException>(() => TelemetrySilo.Build(SiloFixture.Arguments(argument)));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--Ingest:MaxBodyBytes=10", "Ingest:MaxBodyBytes")]
    [InlineData("--Ingest:TokenSecret=short", "Ingest:TokenSecret")]
    public async Task Start_BadIngestSetting_FailsNamingTheKey(string argument, string key)
    {
        await using var app = TelemetrySilo.Build(SiloFixture.Arguments(argument));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }
}
