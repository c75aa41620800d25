using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Telemetry.Silo.Tests;

/// <summary>A job of eight GPUs on two nodes, from the first report through ingest to the job's answer.</summary>
[Collection(SiloCollection.Name)]
public sealed class StragglerTests(SiloFixture silo)
{
    [Fact]
    public async Task LaggingGpu_IsTheJobsStraggler_AndItsVerdictIsDegraded()
    {
        // A silo of its own: the shared one takes a node offline after 1 s, and an offline GPU leaves its job.
        await using var own = await RunningSilo.StartAsync("--Telemetry:Nodes:MinOfflineAfter=00:05:00");
        var http = own.Http;
        var (job, nodes, straggler) = await StragglingJob.ReportAsync(http);

        // The GPUs' windows reach the job one-way: until the first arrives the job is a 404.
        var body = (await Eventually.GetAsync(
            () => StragglingJob.FoundOrNullAsync(http, $"/api/v1/jobs/{job}"),
            j => j is { } found && found.GetProperty("stragglers").GetArrayLength() > 0,
            what: "the job to name its straggler"))!.Value;

        Assert.Equal(job, body.GetProperty("jobId").GetString());
        Assert.Equal(["dct"], body.GetProperty("dataCenters").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal([straggler], body.GetProperty("stragglers").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(0.9, body.GetProperty("jobMedian").GetProperty("sm_active").GetDouble(), 6);
        var gpus = body.GetProperty("gpus").EnumerateArray().ToArray();
        Assert.Equal(8, gpus.Length);
        var lagging = Assert.Single(gpus, g => g.GetProperty("straggler").GetBoolean());
        Assert.Equal(straggler, lagging.GetProperty("uuid").GetString());
        Assert.Equal(nodes[1], lagging.GetProperty("node").GetString());
        Assert.Equal(StragglingJob.Reason, lagging.GetProperty("reasons")[0].GetString());
        Assert.Equal(0.35, lagging.GetProperty("signals").GetProperty("sm_active").GetDouble(), 6);

        var gpu = await Eventually.GetAsync(
            () => http.GetFromJsonAsync<JsonElement>($"/api/v1/gpus/{straggler}"),
            g => g.GetProperty("health").GetProperty("state").GetString() == "degraded",
            what: "the straggler's verdict to become degraded");
        Assert.Equal([StragglingJob.Reason], gpu.GetProperty("health").GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        Assert.Contains("cordon and replace the GPU", gpu.GetProperty("health").GetProperty("recommendedActions")[0].GetString(), StringComparison.Ordinal);
        var peer = await http.GetFromJsonAsync<JsonElement>($"/api/v1/gpus/{Reports.GpuUuid(nodes[1], 2)}");
        Assert.Equal("healthy", peer.GetProperty("health").GetProperty("state").GetString());

        // The data center is listed once the fleet has heard of it (its first summary); until then the list is a 404.
        var listed = await Eventually.GetAsync(
            () => StragglingJob.FoundOrNullAsync(http, "/api/v1/jobs?dataCenter=dct&straggling=true&pageSize=1000"),
            l => l is { } list && list.GetProperty("jobs").EnumerateArray().Any(j => j.GetProperty("jobId").GetString() == job),
            what: "the job to be listed as straggling");
        var entry = listed!.Value.GetProperty("jobs").EnumerateArray().Single(j => j.GetProperty("jobId").GetString() == job);
        Assert.Equal(8, entry.GetProperty("gpus").GetInt32());
        Assert.Equal([straggler], entry.GetProperty("stragglers").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task ReportsSpanningSeveralBuckets_SendTheirWindowsTogether_AndTheStragglerIsFound()
    {
        await using var own = await RunningSilo.StartAsync("--Telemetry:Nodes:MinOfflineAfter=00:05:00");
        var http = own.Http;

        // Four reports a node of 20 s each: a GPU closes two buckets a report, and sends them to its job in one message.
        var (job, _, straggler) = await StragglingJob.ReportAsync(http, bucketsPerReport: 2);

        var body = (await Eventually.GetAsync(
            () => StragglingJob.FoundOrNullAsync(http, $"/api/v1/jobs/{job}"),
            j => j is { } found && found.GetProperty("stragglers").GetArrayLength() > 0,
            what: "the job to name its straggler"))!.Value;
        Assert.Equal([straggler], body.GetProperty("stragglers").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(8, body.GetProperty("gpus").GetArrayLength());
        Assert.Equal(0.9, body.GetProperty("jobMedian").GetProperty("sm_active").GetDouble(), 6);
    }

    [Fact]
    public async Task UnknownJob_IsNotFound_AndBadPagingIsBadRequest()
    {
        var missing = await silo.Http.GetAsync($"/api/v1/jobs/job-{Guid.NewGuid():N}");
        var badPage = await silo.Http.GetAsync("/api/v1/jobs?page=0");
        var unknownDc = await silo.Http.GetAsync("/api/v1/jobs?dataCenter=nowhere");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, badPage.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownDc.StatusCode);
    }
}
