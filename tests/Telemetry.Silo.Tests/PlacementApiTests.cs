using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Telemetry.Silo.Tests;

public sealed class PlacementApiTests(PlacementSiloFixture silo) : IClassFixture<PlacementSiloFixture>
{
    private static int _dataCenters;

    [Fact]
    public async Task Place_RanksTheNodeTheJobFillsFirst_WithScoreAndWhy()
    {
        var dc = NewDataCenter();
        var roomy = await ReportAsync(dc, gpus: 8);
        var tight = await ReportAsync(dc, gpus: 8, busy: 6);
        await WaitForFreeAsync(dc, 10);

        var body = await PlaceOkAsync(new { gpus = 2, dataCenters = new[] { dc }, candidates = 2 });

        var candidates = body.GetProperty("candidates");
        Assert.Equal(2, candidates.GetArrayLength());
        Assert.Equal(tight, candidates[0].GetProperty("nodes")[0].GetProperty("node").GetString());
        Assert.Equal(roomy, candidates[1].GetProperty("nodes")[0].GetProperty("node").GetString());
        Assert.True(candidates[0].GetProperty("score").GetDouble() > candidates[1].GetProperty("score").GetDouble());
        Assert.Contains("fills the node", candidates[0].GetProperty("why").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, candidates[0].GetProperty("nodes")[0].GetProperty("gpus").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("reservation").ValueKind);
    }

    [Fact]
    public async Task Place_LargerThanANode_SpreadsOverNodesOfOneDataCenter()
    {
        var dc = NewDataCenter();
        for (var i = 0; i < 3; i++)
        {
            await ReportAsync(dc, gpus: 8);
        }

        await WaitForFreeAsync(dc, 24);

        var body = await PlaceOkAsync(new { gpus = 20, dataCenters = new[] { dc } });

        var nodes = body.GetProperty("candidates")[0].GetProperty("nodes").EnumerateArray().ToArray();
        Assert.Equal(3, nodes.Length);
        Assert.Equal(20, nodes.Sum(n => n.GetProperty("gpus").GetArrayLength()));
    }

    [Fact]
    public async Task Place_WhenNothingFits_Answers409SayingWhatIsShort()
    {
        var dc = NewDataCenter();
        await ReportAsync(dc, gpus: 8, busy: 5);
        await WaitForFreeAsync(dc, 3);

        var response = await silo.Http.PostAsJsonAsync("/api/v1/placement", new { gpus = 4, dataCenters = new[] { dc } });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("at most 3 on one node", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"gpus\":0}", "gpus must be")]
    [InlineData("{\"gpus\":1,\"model\":\"NVIDIA Z9000\"}", "Z9000")]
    [InlineData("{\"gpus\":1,\"dataCenters\":[\"nowhere\"]}", "nowhere")]
    [InlineData("{\"gpus\":1,\"reserveSeconds\":-1}", "reserveSeconds")]
    public async Task Place_ImpossibleRequest_Answers422(string json, string named)
    {
        await ReportAsync(NewDataCenter(), gpus: 1);

        var response = await silo.Http.PostAsync("/api/v1/placement", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(named, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Place_ConcurrentReservations_NeverHandOutAGpuTwice()
    {
        var dc = NewDataCenter();
        for (var i = 0; i < 4; i++)
        {
            await ReportAsync(dc, gpus: 8);
        }

        await WaitForFreeAsync(dc, 32);
        var granted = new ConcurrentBag<string>();
        async Task PlaceOneAsync()
        {
            var response = await silo.Http.PostAsJsonAsync("/api/v1/placement", new { gpus = 1, dataCenters = new[] { dc }, reserveSeconds = 300 });
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                foreach (var gpu in body.GetProperty("candidates")[0].GetProperty("nodes")[0].GetProperty("gpus").EnumerateArray())
                {
                    granted.Add(gpu.GetString()!);
                }
            }
            else
            {
                Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 48).Select(_ => Task.Run(PlaceOneAsync)));

        // Whatever lost a race is still free: take it one by one until nothing fits.
        for (var i = 0; i < 40 && granted.Count < 32; i++)
        {
            await PlaceOneAsync();
        }

        Assert.Equal(32, granted.Count);
        Assert.Equal(32, granted.Distinct(StringComparer.Ordinal).Count());
        var last = await silo.Http.PostAsJsonAsync("/api/v1/placement", new { gpus = 1, dataCenters = new[] { dc }, reserveSeconds = 300 });
        Assert.Equal(HttpStatusCode.Conflict, last.StatusCode);
    }

    [Fact]
    public async Task Reservation_ShowsOnTheGpu_AndDeleteFreesIt()
    {
        var dc = NewDataCenter();
        await ReportAsync(dc, gpus: 2);
        await WaitForFreeAsync(dc, 2);

        var body = await PlaceOkAsync(new { gpus = 2, dataCenters = new[] { dc }, reserveSeconds = 120, jobId = "job-r1" });
        var id = body.GetProperty("reservation").GetProperty("id").GetString();
        var uuid = body.GetProperty("candidates")[0].GetProperty("nodes")[0].GetProperty("gpus")[0].GetString();
        var gpu = await silo.Http.GetFromJsonAsync<JsonElement>($"/api/v1/gpus/{uuid}");
        Assert.Equal(JsonValueKind.String, gpu.GetProperty("reservedUntil").ValueKind);
        Assert.Equal(HttpStatusCode.Conflict, (await silo.Http.PostAsJsonAsync("/api/v1/placement", new { gpus = 1, dataCenters = new[] { dc } })).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await silo.Http.DeleteAsync($"/api/v1/reservations/{id}")).StatusCode);

        gpu = await silo.Http.GetFromJsonAsync<JsonElement>($"/api/v1/gpus/{uuid}");
        Assert.Equal(JsonValueKind.Null, gpu.GetProperty("reservedUntil").ValueKind);
        await PlaceOkAsync(new { gpus = 2, dataCenters = new[] { dc } });
        Assert.Equal(HttpStatusCode.NotFound, (await silo.Http.DeleteAsync($"/api/v1/reservations/{id}")).StatusCode);
    }

    [Fact]
    public async Task Reservation_EndsWhenTelemetryShowsTheJob()
    {
        var dc = NewDataCenter();
        var node = await ReportAsync(dc, gpus: 1);
        await WaitForFreeAsync(dc, 1);
        var body = await PlaceOkAsync(new { gpus = 1, dataCenters = new[] { dc }, reserveSeconds = 600, jobId = "job-t1" });
        var uuid = body.GetProperty("candidates")[0].GetProperty("nodes")[0].GetProperty("gpus")[0].GetString();

        await silo.Http.PostAsync("/api/v1/ingest", Reports.Content(Reports.Encode(Reports.Make(node, 2, Reports.NowMs(), gpus: 1, jobId: "job-t1"))));

        var gpu = await silo.Http.GetFromJsonAsync<JsonElement>($"/api/v1/gpus/{uuid}");
        Assert.Equal(JsonValueKind.Null, gpu.GetProperty("reservedUntil").ValueKind);
        Assert.Equal("job-t1", gpu.GetProperty("jobId").GetString());
    }

    private static string NewDataCenter() => $"pl{Interlocked.Increment(ref _dataCenters)}{Guid.NewGuid():N}"[..20];

    private Task<string> ReportAsync(string dc, int gpus, int busy = 0) => PlacementCalls.ReportAsync(silo.Http, dc, gpus, busy);

    private Task<int> WaitForFreeAsync(string dc, int free) => PlacementCalls.WaitForFreeAsync(silo.Http, dc, free);

    private Task<JsonElement> PlaceOkAsync(object request) => PlacementCalls.PlaceOkAsync(silo.Http, request);
}
