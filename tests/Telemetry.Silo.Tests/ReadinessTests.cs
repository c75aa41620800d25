using System.Net;
using System.Text.Json;
using Telemetry.Silo.Tests.Tls;

namespace Telemetry.Silo.Tests;

/// <summary><c>/readyz</c> reports Redis (when the silo uses it) and the InfluxDB sink (when on), from ASP.NET Core health checks.</summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task Readyz_RedisStorageThenRedisGone_ReadyThen503NamingRedis()
    {
        var redis = await RedisServer.StartAsync();
        var redisRunning = true;
        try
        {
            await using var silo = await RunningSilo.StartAsync("--Telemetry:Storage:Provider=Redis", $"--Telemetry:Redis={redis.ConnectionString}");

            using var ready = await silo.Http.GetAsync(new Uri("/readyz", UriKind.Relative));
            var body = await ready.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Equal("healthy", JsonDocument.Parse(body).RootElement.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString());

            redis.Dispose();
            redisRunning = false;
            var gone = await Eventually.GetAsync(
                async () => (await silo.Http.GetAsync(new Uri("/readyz", UriKind.Relative))),
                r => r.StatusCode == HttpStatusCode.ServiceUnavailable,
                TimeSpan.FromSeconds(30),
                "/readyz to answer 503 once Redis is gone");
            Assert.Equal("application/problem+json", gone.Content.Headers.ContentType?.MediaType);
            var problem = JsonDocument.Parse(await gone.Content.ReadAsStringAsync()).RootElement;
            Assert.Contains("redis: Telemetry:Redis: Redis at 127.0.0.1:", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal("healthy", problem.GetProperty("checks").GetProperty("silo").GetProperty("status").GetString());
        }
        finally
        {
            if (redisRunning)
            {
                redis.Dispose();
            }
        }
    }

    [Fact]
    public async Task Readyz_SinkCannotReachInflux_StaysReadyAndSaysTheSinkIsDegraded()
    {
        var spool = Directory.CreateTempSubdirectory("silo-readiness-spool-");
        var closed = FreePort.Next();
        var silo = await RunningSilo.StartAsync(
            $"--Telemetry:Influx:Url=http://127.0.0.1:{closed}", "--Telemetry:Influx:Org=telemetry", "--Telemetry:Influx:Bucket=telemetry", "--Telemetry:Influx:Token=test-token",
            "--Telemetry:Influx:FlushInterval=00:00:00.100", "--Telemetry:Influx:MaxAttempts=1", $"--Telemetry:Influx:SpoolDir={spool.FullName}");
        try
        {
            await ReadyButSinkDegradedAsync(silo, closed);
        }
        finally
        {
            await silo.DisposeAsync();
            spool.Delete(recursive: true);
        }
    }

    private static async Task ReadyButSinkDegradedAsync(RunningSilo silo, int closed)
    {
        var before = JsonDocument.Parse(await silo.Http.GetStringAsync("/readyz")).RootElement;
        Assert.Equal("healthy", before.GetProperty("checks").GetProperty("sink").GetProperty("status").GetString());

        // A GPU judged unhealthy is a health change, which the sink writes at once.
        await silo.Http.PostAsync("/api/v1/ingest", Reports.Content(Reports.Encode(Reports.Make(Reports.UniqueNode(), 1, Reports.NowMs(), xids: [79]))));

        var degraded = await Eventually.GetAsync(
            async () => JsonDocument.Parse(await silo.Http.GetStringAsync("/readyz")).RootElement,
            r => r.GetProperty("checks").GetProperty("sink").GetProperty("status").GetString() == "degraded",
            TimeSpan.FromSeconds(30),
            "the sink check to say degraded");
        Assert.Equal("degraded", degraded.GetProperty("status").GetString());
        Assert.Contains($"127.0.0.1:{closed}", degraded.GetProperty("checks").GetProperty("sink").GetProperty("description").GetString(), StringComparison.Ordinal);
    }
}
