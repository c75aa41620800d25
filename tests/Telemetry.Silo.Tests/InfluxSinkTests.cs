using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Telemetry.Silo.Hosting;

namespace Telemetry.Silo.Tests;

/// <summary>
/// A silo with the InfluxDB sink on, writing to Debian's victoria-metrics (it takes the InfluxDB v2 write API):
/// reports in, 10-second GPU rollups, health events, node and data-center summaries out.
/// </summary>
public sealed class InfluxSinkTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly string _spool = Directory.CreateTempSubdirectory("silo-influx-spool-").FullName;
    private ServerProcess? _victoria;

    [Theory]
    [InlineData("--Telemetry:Influx:Url=influxdb:8086", "Telemetry:Influx:Url")]
    [InlineData("--Telemetry:Influx:Url=ftp://influxdb:8086", "Telemetry:Influx:Url")]
    [InlineData("--Telemetry:Influx:Bucket=", "Telemetry:Influx:Bucket")]
    [InlineData("--Telemetry:Influx:Token=", "Telemetry:Influx:Token")]
    [InlineData("--Telemetry:Influx:SpoolMaxMiB=0", "Telemetry:Influx:SpoolMaxMiB")]
    public async Task Start_BadInfluxSetting_FailsNamingTheKey(string argument, string key)
    {
        await using var app = TelemetrySilo.Build(SiloFixture.Arguments(
            "--Telemetry:Influx:Url=http://127.0.0.1:8086", "--Telemetry:Influx:Org=telemetry", "--Telemetry:Influx:Bucket=telemetry", "--Telemetry:Influx:Token=test-token",
            $"--Telemetry:Influx:SpoolDir={_spool}", argument));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_WithSinkOn_RollupsHealthEventsAndSummariesReachInfluxDb()
    {
        await using var silo = await RunningSilo.StartAsync(
            $"--Telemetry:Influx:Url={_victoria!.BaseAddress}", "--Telemetry:Influx:Org=telemetry", "--Telemetry:Influx:Bucket=telemetry", "--Telemetry:Influx:Token=test-token",
            "--Telemetry:Influx:FlushInterval=00:00:00.100", $"--Telemetry:Influx:SpoolDir={_spool}");
        var node = Reports.UniqueNode();
        var start = ((Reports.NowMs() / 10_000) * 10_000) - 60_000;

        // Three reports of 10 one-second samples: buckets start and start + 10 s close when the next bucket begins.
        for (var r = 0; r < 3; r++)
        {
            var report = Reports.Make(node, (ulong)(r + 1), start + (r * 10_000) + 9_000, xids: r == 2 ? [79] : null, jobId: "job-42");
            using var answer = await silo.Http.PostAsync("/api/v1/ingest", Reports.Content(Reports.Encode(report)));
            Assert.Equal(System.Net.HttpStatusCode.Accepted, answer.StatusCode);
        }

        var power = await SeriesAsync($"gpu_power_w_mean{{node=\"{node}\"}}", s => s.Count == 2 && s.All(x => x.Values.Length >= 2));
        foreach (var series in power)
        {
            Assert.Equal([start, start + 10_000], series.Timestamps[..2]);

            // power_w of sample s is 500.5 + 10 s: the mean over s = 0…9 is 545.5.
            Assert.Equal([545.5, 545.5], series.Values[..2]);
            Assert.Equal("dct", series.Labels["datacenter"]);
            Assert.Equal("NVIDIA B200", series.Labels["model"]);
        }

        var maxes = await SeriesAsync($"gpu_power_w_max{{gpu=\"{Reports.GpuUuid(node, 1)}\"}}", s => s.Count == 1 && s[0].Values.Length >= 2);
        Assert.Equal([590.5, 590.5], maxes[0].Values[..2]);

        var events = await SeriesAsync($"health_event_health_level{{id=\"{Reports.GpuUuid(node, 0)}\"}}", s => s.Count == 1);
        // Unhealthy (2) on XID 79; offline (3) may follow once the test's one-second silence has passed.
        Assert.Contains(2.0, events[0].Values);
        Assert.Equal(node, events[0].Labels["node"]);

        var gpus = await SeriesAsync($"node_gpus{{node=\"{node}\"}}", s => s.Count == 1);
        Assert.Equal(2, gpus[0].Values[^1]);
        await SeriesAsync("datacenter_gpus{datacenter=\"dct\"}", s => s.Count == 1 && s[0].Values[^1] >= 2);

        var metrics = await silo.Http.GetStringAsync("/metrics");
        Assert.Matches(@"telemetry_sink_written_total(\{[^}]*\})? [1-9]", metrics);
    }

    public async Task InitializeAsync() =>
        _victoria = await VictoriaMetricsServer.StartAsync(_http, Directory.CreateTempSubdirectory("silo-vm-").FullName, FreePort.Next(), deleteData: true, CancellationToken.None);

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _victoria?.Dispose();
        _http.Dispose();
        if (Directory.Exists(_spool))
        {
            Directory.Delete(_spool, recursive: true);
        }
    }

    /// <summary>Polls victoria-metrics' export API for a series selector until <paramref name="done"/> holds.</summary>
    private async Task<List<ExportedSeries>> SeriesAsync(string selector, Func<List<ExportedSeries>, bool> done)
    {
        var deadline = DateTime.UtcNow + Deadline;
        var series = new List<ExportedSeries>();
        while (DateTime.UtcNow < deadline)
        {
            var start = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 600).ToString(CultureInfo.InvariantCulture);
            var text = await _http.GetStringAsync(new Uri(_victoria!.BaseAddress, $"/api/v1/export?match[]={Uri.EscapeDataString(selector)}&start={start}"));
            series = [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(ExportedSeries.Parse)];
            if (done(series))
            {
                return series;
            }

            await Task.Delay(200);
        }

        Assert.Fail($"{selector}: not within {Deadline.TotalSeconds:F0} s; last read {series.Count} series, {string.Join(", ", series.Select(s => s.Values.Length))} points");
        return series;
    }

    private sealed record ExportedSeries(Dictionary<string, string> Labels, long[] Timestamps, double[] Values)
    {
        public static ExportedSeries Parse(string line)
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            return new ExportedSeries(
                root.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal),
                [.. root.GetProperty("timestamps").EnumerateArray().Select(t => t.GetInt64())],
                [.. root.GetProperty("values").EnumerateArray().Select(v => v.GetDouble())]);
        }
    }
}
