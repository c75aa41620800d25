using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Telemetry.Silo.Tests;

public sealed class SharedPlacementApiTests(PlacementSiloFixture silo) : IClassFixture<PlacementSiloFixture>
{
    private static int _dataCenters;

    [Fact]
    public async Task Place_Fractions_ShareOneGpuFirst_AndReleaseFreesExactlyTheShare()
    {
        var dc = NewDataCenter();
        var node = await PlacementCalls.ReportAsync(silo.Http, dc, gpus: 2);
        await PlacementCalls.WaitForFreeAsync(silo.Http, dc, 2);

        var first = await PlaceAsync(new { gpus = 1, gpuMilli = 300, dataCenters = new[] { dc }, reserveSeconds = 300, jobId = "job-f1" });
        var shared = GpuOf(first);
        Assert.Equal(300, first.GetProperty("candidates")[0].GetProperty("nodes")[0].GetProperty("gpuMilli").GetInt32());
        Assert.Equal(300, first.GetProperty("reservation").GetProperty("nodes")[0].GetProperty("gpuMilli").GetInt32());

        var second = await PlaceAsync(new { gpus = 1, gpuMilli = 500, dataCenters = new[] { dc }, reserveSeconds = 300 });
        Assert.Equal(shared, GpuOf(second));
        Assert.Equal(800, (await GpuAsync(shared)).GetProperty("usedMilli").GetInt32());
        var heat = (await silo.Http.GetFromJsonAsync<JsonElement>($"/api/v1/datacenters/{dc}/gpus")).GetProperty("nodes")[0];
        var sharedAt = heat.GetProperty("gpus").EnumerateArray().Select(g => g.GetString()).ToList().IndexOf(shared);
        Assert.Equal(800, heat.GetProperty("shared")[sharedAt].GetInt32());
        Assert.Equal(JsonValueKind.Null, heat.GetProperty("shared")[1 - sharedAt].ValueKind);

        // The other GPU stays whole: a whole-GPU job gets it, never the shared one, and two whole GPUs do not fit.
        var whole = await PlaceAsync(new { gpus = 1, dataCenters = new[] { dc } });
        Assert.NotEqual(shared, GpuOf(whole));
        Assert.Equal(HttpStatusCode.Conflict, (await silo.Http.PostAsJsonAsync("/api/v1/placement", new { gpus = 2, dataCenters = new[] { dc } })).StatusCode);

        // 300 no longer fits on the shared GPU (200 left): it breaks the whole one.
        var third = await PlaceAsync(new { gpus = 1, gpuMilli = 300, dataCenters = new[] { dc } });
        Assert.Equal(GpuOf(whole), GpuOf(third));

        var id = first.GetProperty("reservation").GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await silo.Http.DeleteAsync($"/api/v1/reservations/{id}")).StatusCode);
        var gpu = await GpuAsync(shared);
        Assert.Equal(500, gpu.GetProperty("usedMilli").GetInt32());
        Assert.Equal(500, Assert.Single(gpu.GetProperty("claims").EnumerateArray()).GetProperty("milli").GetInt32());
        var nodeAnswer = await silo.Http.GetFromJsonAsync<JsonElement>($"/api/v1/nodes/{node}");
        Assert.Single(nodeAnswer.GetProperty("claims").EnumerateArray());
        Assert.Equal(shared, GpuOf(await PlaceAsync(new { gpus = 1, gpuMilli = 500, dataCenters = new[] { dc } })));
    }

    [Fact]
    public async Task Reservation_CanBeReadAndExtended()
    {
        var dc = NewDataCenter();
        var node = await PlacementCalls.ReportAsync(silo.Http, dc, gpus: 1);
        await PlacementCalls.WaitForFreeAsync(silo.Http, dc, 1);
        var placed = await PlaceAsync(new { gpus = 1, gpuMilli = 250, dataCenters = new[] { dc }, reserveSeconds = 60, jobId = "job-x1" });
        var id = placed.GetProperty("reservation").GetProperty("id").GetString();
        var expires = placed.GetProperty("reservation").GetProperty("expiresAt").GetDateTimeOffset();

        var read = await silo.Http.GetFromJsonAsync<JsonElement>($"/api/v1/reservations/{id}");
        Assert.Equal(id, read.GetProperty("id").GetString());
        Assert.Equal("job-x1", read.GetProperty("jobId").GetString());
        Assert.Equal(node, read.GetProperty("nodes")[0].GetProperty("node").GetString());
        Assert.Equal(250, read.GetProperty("nodes")[0].GetProperty("gpuMilli").GetInt32());

        var extended = await silo.Http.PostAsJsonAsync($"/api/v1/reservations/{id}/extend", new { reserveSeconds = 1800 });
        Assert.Equal(HttpStatusCode.OK, extended.StatusCode);
        var until = (await extended.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("expiresAt").GetDateTimeOffset();
        Assert.True(until > expires.AddSeconds(600), $"{until} should be about 30 minutes on, not {expires}");
        Assert.Equal(until, (await GpuAsync(GpuOf(placed))).GetProperty("reservedUntil").GetDateTimeOffset());
        Assert.Equal(until, (await silo.Http.GetFromJsonAsync<JsonElement>($"/api/v1/reservations/{id}")).GetProperty("expiresAt").GetDateTimeOffset());

        await AssertProblemAsync(await PostJsonAsync($"/api/v1/reservations/{id}/extend", "{\"reserveSeconds\":0}"), HttpStatusCode.UnprocessableEntity, "reserveSeconds");
        await AssertProblemAsync(await PostJsonAsync($"/api/v1/reservations/{id}/extend", "{}"), HttpStatusCode.BadRequest, "reserveSeconds");
        Assert.Equal(HttpStatusCode.NoContent, (await silo.Http.DeleteAsync($"/api/v1/reservations/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await silo.Http.GetAsync($"/api/v1/reservations/{id}")).StatusCode);
        await AssertProblemAsync(await PostJsonAsync($"/api/v1/reservations/{id}/extend", "{\"reserveSeconds\":60}"), HttpStatusCode.NotFound, id!);
    }

    [Theory]
    [InlineData("\"gpus\":1000", "has 1000 GPUs")]
    [InlineData("\"gpus\":1,\"minFreeMemoryMib\":10000000", "minFreeMemoryMib")]
    [InlineData("\"gpus\":1,\"gpuMilli\":1000", "gpuMilli must be 1–999")]
    [InlineData("\"gpus\":2,\"gpuMilli\":500", "gpus must be 1")]
    public async Task Place_NeverMet_Answers422(string fields, string named)
    {
        var dc = NewDataCenter();
        await PlacementCalls.ReportAsync(silo.Http, dc, gpus: 2);
        await PlacementCalls.WaitForFreeAsync(silo.Http, dc, 2);

        var response = await PostJsonAsync("/api/v1/placement", $"{{{fields},\"dataCenters\":[\"{dc}\"]}}");

        await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity, named);
    }

    [Fact]
    public async Task Place_UnknownDataCenter_Answers422()
    {
        await PlacementCalls.ReportAsync(silo.Http, NewDataCenter(), gpus: 1);

        await AssertProblemAsync(await PostJsonAsync("/api/v1/placement", "{\"gpus\":1,\"dataCenters\":[\"no-such-dc\"]}"), HttpStatusCode.UnprocessableEntity, "no-such-dc");
    }

    [Fact]
    public async Task Place_SpreadOverNodes_NeverMixesModelsUnlessAllowed()
    {
        var dc = NewDataCenter();
        var b200 = new[] { await PlacementCalls.ReportAsync(silo.Http, dc, gpus: 8), await PlacementCalls.ReportAsync(silo.Http, dc, gpus: 8) };
        await PlacementCalls.ReportAsync(silo.Http, dc, gpus: 8, model: "NVIDIA H200");
        await PlacementCalls.WaitForFreeAsync(silo.Http, dc, 24);

        var oneModel = await PlaceAsync(new { gpus = 16, dataCenters = new[] { dc } });
        Assert.Equal(b200.Order(StringComparer.Ordinal), NodesOf(oneModel).Order(StringComparer.Ordinal));
        await AssertProblemAsync(await silo.Http.PostAsJsonAsync("/api/v1/placement", new { gpus = 24, dataCenters = new[] { dc } }), HttpStatusCode.UnprocessableEntity, "allowMixedModels");

        var mixed = await PlaceAsync(new { gpus = 24, dataCenters = new[] { dc }, allowMixedModels = true });
        Assert.Equal(3, NodesOf(mixed).Length);
    }

    [Fact]
    public async Task OpenApi_ListsReservationReadAndExtend()
    {
        var openApi = await silo.Http.GetStringAsync("/openapi/v1.json");

        Assert.Contains("/api/v1/reservations/{id}/extend", openApi, StringComparison.Ordinal);
        Assert.Contains("\"gpuMilli\"", openApi, StringComparison.Ordinal);
        Assert.Contains("\"allowMixedModels\"", openApi, StringComparison.Ordinal);
    }

    private static string NewDataCenter() => $"sh{Interlocked.Increment(ref _dataCenters)}{Guid.NewGuid():N}"[..20];

    private static string GpuOf(JsonElement answer) => answer.GetProperty("candidates")[0].GetProperty("nodes")[0].GetProperty("gpus")[0].GetString()!;

    private static string[] NodesOf(JsonElement answer) =>
        [.. answer.GetProperty("candidates")[0].GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("node").GetString()!)];

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string named)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(named, JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private Task<JsonElement> PlaceAsync(object request) => PlacementCalls.PlaceOkAsync(silo.Http, request);

    private Task<JsonElement> GpuAsync(string uuid) => silo.Http.GetFromJsonAsync<JsonElement>($"/api/v1/gpus/{uuid}");

    private Task<HttpResponseMessage> PostJsonAsync(string path, string json) =>
        silo.Http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
}
