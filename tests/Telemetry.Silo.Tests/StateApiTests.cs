using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemetry.Fields;

namespace Telemetry.Silo.Tests;

[Collection(SiloCollection.Name)]
public sealed class StateApiTests(SiloFixture silo)
{
    [Fact]
    public async Task GetGpu_AfterTwoReports_WindowsAreExactOverTheSamplesTheyCover()
    {
        var node = Reports.UniqueNode();
        // Newest sample on a 10-second edge, so where each window starts is known exactly (ARCHITECTURE: sample time).
        var newest = Reports.NowMs() / 10_000 * 10_000;
        var older = Reports.Make(node, 1, newest - 11_000, gpus: 1, samples: 12, stepMs: 10_000, value: (_, s, f) => f == 1 ? 10 + (3 * s) : Reports.DefaultValue(0, s, f));
        var recent = Reports.Make(node, 2, newest, gpus: 1, samples: 10, value: (_, s, f) => f == 1 ? 90 - s : Reports.DefaultValue(0, s, f));
        await silo.Http.PostAsync("/api/v1/ingest", Reports.Content(Reports.Encode(older, recent)));
        var samples = older.Gpus[0].Timestamps.Select((t, i) => (t, older.Gpus[0].Value(i, 1)))
            .Concat(recent.Gpus[0].Timestamps.Select((t, i) => (t, recent.Gpus[0].Value(i, 1)))).ToArray();

        var gpu = await silo.Http.GetFromJsonAsync<JsonElement>($"/api/v1/gpus/{Reports.GpuUuid(node, 0)}");

        Assert.Equal(22, gpu.GetProperty("samples").GetInt64());
        Assert.Equal(81, gpu.GetProperty("last").GetProperty("gpu_util_pct").GetDouble());
        foreach (var (window, span) in new[] { ("10s", 10_000L), ("1m", 60_000L), ("5m", 300_000L) })
        {
            var covered = samples.Where(x => x.t >= newest - span).Select(x => x.Item2).ToArray();
            var stats = gpu.GetProperty("windows").GetProperty(window).GetProperty("gpu_util_pct");
            Assert.Equal(covered.Length, stats.GetProperty("count").GetInt64());
            Assert.Equal(covered.Min(), stats.GetProperty("min").GetDouble());
            Assert.Equal(covered.Max(), stats.GetProperty("max").GetDouble());
            Assert.Equal(covered.Average(), stats.GetProperty("mean").GetDouble(), 9);
            Assert.True(stats.TryGetProperty("p95", out _), $"{window} has a p95 for gpu_util_pct");
        }
    }

    [Fact]
    public async Task GetGpu_ReportsIdentityJobAndHealth()
    {
        var node = Reports.UniqueNode("dcx");
        await silo.Http.PostAsync("/api/v1/ingest", Reports.Content(Reports.Encode(Reports.Make(node, 1, Reports.NowMs(), gpus: 2, jobId: "job-42"))));

        var gpu = await silo.Http.GetFromJsonAsync<JsonElement>($"/api/v1/gpus/{Reports.GpuUuid(node, 1)}");

        Assert.Equal(node, gpu.GetProperty("node").GetString());
        Assert.Equal("dcx", gpu.GetProperty("dataCenter").GetString());
        Assert.Equal(1, gpu.GetProperty("index").GetInt32());
        Assert.Equal("NVIDIA B200", gpu.GetProperty("model").GetString());
        Assert.Equal("job-42", gpu.GetProperty("jobId").GetString());
        Assert.Equal("healthy", gpu.GetProperty("health").GetProperty("state").GetString());
    }

    [Fact]
    public async Task GetHistory_ReturnsTenSecondMeans()
    {
        var node = Reports.UniqueNode();
        var newest = Reports.NowMs() / 10_000 * 10_000;
        var report = Reports.Make(node, 1, newest, gpus: 1, samples: 30, value: (_, s, f) => f == FieldCatalog.PowerW ? s : 0);
        await silo.Http.PostAsync("/api/v1/ingest", Reports.Content(Reports.Encode(report)));

        var points = await silo.Http.GetFromJsonAsync<JsonElement[]>($"/api/v1/gpus/{Reports.GpuUuid(node, 0)}/history?field=power_w&minutes=5");

        Assert.NotNull(points);
        var all = points!.Select(p => (Mean: p.GetProperty("mean").GetDouble(), Max: p.GetProperty("max").GetDouble())).ToArray();
        // Samples 0..29 one second apart, the last on a 10-second edge: buckets hold 0–8, 9–18, 19–28 and 29.
        Assert.Contains((Mean: 4.0, Max: 8.0), all);
        Assert.Contains((Mean: 13.5, Max: 18.0), all);
        Assert.Contains((Mean: 23.5, Max: 28.0), all);
    }

    [Fact]
    public async Task GetHistory_UnknownField_Answers400ListingFields()
    {
        var response = await silo.Http.GetAsync("/api/v1/gpus/GPU-x/history?field=bogus");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("gpu_util_pct", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetGpu_Unknown_Answers404Problem()
    {
        var response = await silo.Http.GetAsync("/api/v1/gpus/GPU-never-reported");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task GetNode_ShowsGaugesFreeGpusAndGpusInShort()
    {
        var node = Reports.UniqueNode();
        var report = Reports.Make(node, 1, Reports.NowMs(), gpus: 4) with
        {
            Gauges = new Dictionary<string, double> { ["cpu_util_pct"] = 12.5, ["vendor_gauge"] = 3 },
        };
        await silo.Http.PostAsync("/api/v1/ingest", Reports.Content(Reports.Encode(report)));

        var body = await silo.Http.GetFromJsonAsync<JsonElement>($"/api/v1/nodes/{node}");

        Assert.Equal(12.5, body.GetProperty("gauges").GetProperty("cpu_util_pct").GetDouble());
        Assert.Equal(3, body.GetProperty("gauges").GetProperty("vendor_gauge").GetDouble());
        Assert.Equal(4, body.GetProperty("freeGpus").GetInt32());
        Assert.Equal(4, body.GetProperty("gpus").GetArrayLength());
        Assert.Equal("healthy", body.GetProperty("health").GetProperty("state").GetString());
        Assert.False(body.GetProperty("drained").GetBoolean());
    }

    [Fact]
    public async Task GetNode_InvalidId_Answers400()
    {
        var response = await silo.Http.GetAsync("/api/v1/nodes/DC/Host");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task DataCentersAndFleet_CountReportingGpus()
    {
        var dc = $"dcfleet{Guid.NewGuid():N}"[..20];
        for (var i = 0; i < 3; i++)
        {
            await silo.Http.PostAsync("/api/v1/ingest", Reports.Content(Reports.Encode(Reports.Make(Reports.UniqueNode(dc), 1, Reports.NowMs(), gpus: 8))));
        }

        var summary = await Eventually.GetAsync(
            () => silo.Http.GetFromJsonAsync<JsonElement[]>("/api/v1/datacenters"),
            all => all!.Any(d => d.GetProperty("id").GetString() == dc && d.GetProperty("gpus").GetInt32() == 24),
            what: "the data center's summary to count 24 GPUs");
        var mine = summary!.Single(d => d.GetProperty("id").GetString() == dc);
        Assert.Equal(3, mine.GetProperty("nodes").GetInt32());
        Assert.Equal(24, mine.GetProperty("gpusByHealth").GetProperty("healthy").GetInt32());
        Assert.Equal(24, mine.GetProperty("freeGpus").GetInt32());

        var detail = await silo.Http.GetFromJsonAsync<JsonElement>($"/api/v1/datacenters/{dc}?page=1&pageSize=2");
        Assert.Equal(2, detail.GetProperty("nodeList").GetArrayLength());
        var fleet = await silo.Http.GetFromJsonAsync<JsonElement>("/api/v1/fleet");
        Assert.True(fleet.GetProperty("gpus").GetInt32() >= 24);
        Assert.Contains(fleet.GetProperty("dataCenters").EnumerateArray(), d => d.GetProperty("id").GetString() == dc);
    }

    [Fact]
    public async Task GetDataCenter_Unknown_Answers404_BadPage_Answers400()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await silo.Http.GetAsync("/api/v1/datacenters/nowhere")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await silo.Http.GetAsync("/api/v1/datacenters/nowhere?pageSize=0")).StatusCode);
    }

    [Fact]
    public async Task Operations_HealthzReadyzOpenApi_Answer()
    {
        Assert.Equal(HttpStatusCode.OK, (await silo.Http.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await silo.Http.GetAsync("/readyz")).StatusCode);
        var openApi = await silo.Http.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/v1/ingest", openApi, StringComparison.Ordinal);
        Assert.Contains("/api/v1/gpus/{uuid}", openApi, StringComparison.Ordinal);
        var metrics = await silo.Http.GetStringAsync("/metrics");
        Assert.Contains("telemetry_ingest_samples_total", metrics, StringComparison.Ordinal);
    }
}
