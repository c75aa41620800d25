using Microsoft.Extensions.Configuration;
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
    [InlineData("--Telemetry:Clustering:Provider=Redis")]
    [InlineData("--Telemetry:Storage:Provider=Redis")]
    public void Build_RedisWithoutConnectionString_ThrowsNamingTelemetryRedis(string argument)
    {
        var error = Assert.Throws<SettingException>(() => TelemetrySilo.Build(SiloFixture.Arguments(argument)));

        Assert.Contains("Telemetry:Redis", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_RedisUnreachable_ThrowsNamingTelemetryRedisAndTheEndpoint()
    {
        var port = FreePort.Next();

        var error = Assert.Throws<SettingException>(() => TelemetrySilo.Build(SiloFixture.Arguments(
            "--Telemetry:Clustering:Provider=Redis", $"--Telemetry:Redis=127.0.0.1:{port},connectTimeout=1000")));

        Assert.Contains("Telemetry:Redis", error.Message, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ClusterSettings_ToString_NeverShowsTheRedisPassword()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Telemetry:Storage:Provider"] = "Redis",
            ["Telemetry:Redis"] = "127.0.0.1:6379,password=hunter2-secret",
        }).Build();

        var text = ClusterSettings.Read(configuration).ToString();

        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:6379", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--Ingest:MaxBodyBytes=10", "Ingest:MaxBodyBytes")]
    [InlineData("--Ingest:TokenSecret=short", "Ingest:TokenSecret")]
    [InlineData("--Ingest:PreviousTokenSecret=an-old-secret-of-length", "Ingest:PreviousTokenSecret")]
    [InlineData("--Ingest:MaxConcurrentRequests=0", "Ingest:MaxConcurrentRequests")]
    [InlineData("--Telemetry:Rebalancer:Interval=00:00:00.100", "Telemetry:Rebalancer:Interval")]
    public async Task Start_BadValidatedSetting_FailsNamingTheKey(string argument, string key)
    {
        await using var app = TelemetrySilo.Build(SiloFixture.Arguments(argument));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }
}
