using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Telemetry.Silo.Tests.Access;

/// <summary>Operators' clear, drain and undrain: the operator role, a reason, and a record of who did what and why.</summary>
public sealed class OperatorActionTests(KeyedSiloFixture fixture) : IClassFixture<KeyedSiloFixture>
{
    private HttpClient Http => fixture.Silo.Http;

    [Theory]
    [InlineData("/api/v1/nodes/dc1/node-0001/drain", TestKeys.Viewer, HttpStatusCode.Forbidden)]
    [InlineData("/api/v1/nodes/dc1/node-0001/drain", TestKeys.Scheduler, HttpStatusCode.Forbidden)]
    [InlineData("/api/v1/nodes/dc1/node-0001/drain", null, HttpStatusCode.Unauthorized)]
    [InlineData("/api/v1/nodes/dc1/node-0001/undrain", TestKeys.Scheduler, HttpStatusCode.Forbidden)]
    [InlineData("/api/v1/gpus/GPU-1/health/clear", TestKeys.Scheduler, HttpStatusCode.Forbidden)]
    [InlineData("/api/v1/gpus/GPU-1/health/clear", TestKeys.AcmeViewer, HttpStatusCode.Forbidden)]
    public async Task Action_BelowOperator_IsRefused(string path, string? key, HttpStatusCode expected)
    {
        var response = await TestKeys.SendAsync(Http, HttpMethod.Post, path, key, Reason("maintenance"));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task DrainThenUndrain_Operator_AppliedAndRecordedWithWhoAndWhy()
    {
        var node = Reports.UniqueNode("opsdc");
        await Http.PostAsync("/api/v1/ingest", Reports.Content(Reports.Encode(Reports.Make(node, 1, Reports.NowMs(), jobId: "job-ops"))));

        var drained = await TestKeys.SendAsync(Http, HttpMethod.Post, $"/api/v1/nodes/{node}/drain", TestKeys.Operator, Reason("firmware update, OPS-12"));
        var drain = await drained.Content.ReadFromJsonAsync<JsonElement>();
        var nodeBody = await (await TestKeys.SendAsync(Http, HttpMethod.Get, $"/api/v1/nodes/{node}", TestKeys.Viewer)).Content.ReadFromJsonAsync<JsonElement>();
        var undrained = await TestKeys.SendAsync(Http, HttpMethod.Post, $"/api/v1/nodes/{node}/undrain", TestKeys.Admin, Reason("update done"));
        var after = await (await TestKeys.SendAsync(Http, HttpMethod.Get, $"/api/v1/nodes/{node}", TestKeys.Viewer)).Content.ReadFromJsonAsync<JsonElement>();
        var log = await (await TestKeys.SendAsync(Http, HttpMethod.Get, "/api/v1/rebalance/decisions", TestKeys.Viewer)).Content.ReadFromJsonAsync<JsonElement[]>();

        Assert.Equal(HttpStatusCode.OK, drained.StatusCode);
        Assert.Equal(("drain", "operator", "acknowledged"), (drain.GetProperty("kind").GetString(), drain.GetProperty("by").GetString(), drain.GetProperty("status").GetString()));
        Assert.Contains("firmware update, OPS-12", drain.GetProperty("reason").GetString());
        Assert.Equal("job-ops", drain.GetProperty("jobs")[0].GetProperty("jobId").GetString());
        Assert.True(nodeBody.GetProperty("drained").GetBoolean());
        Assert.Contains("operator operator: firmware update", nodeBody.GetProperty("drainReason").GetString());
        Assert.Equal(HttpStatusCode.OK, undrained.StatusCode);
        Assert.False(after.GetProperty("drained").GetBoolean());
        Assert.Contains(log!, d => d.GetProperty("kind").GetString() == "undrain" && d.GetProperty("by").GetString() == "admin" && d.GetProperty("node").GetString() == node);
    }

    [Fact]
    public async Task Clear_Operator_UnhealthyGpuIsHealthyAndTheClearIsRecorded()
    {
        var node = Reports.UniqueNode("opsdc");
        await Http.PostAsync("/api/v1/ingest", Reports.Content(Reports.Encode(Reports.Make(node, 1, Reports.NowMs(), xids: [79]))));
        var uuid = Reports.GpuUuid(node, 0);

        var cleared = await TestKeys.SendAsync(Http, HttpMethod.Post, $"/api/v1/gpus/{uuid}/health/clear", TestKeys.Operator, Reason("GPU reseated"));
        var gpu = await (await TestKeys.SendAsync(Http, HttpMethod.Get, $"/api/v1/gpus/{uuid}", TestKeys.Viewer)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        var decision = await cleared.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("clear", uuid, "operator"), (decision.GetProperty("kind").GetString(), decision.GetProperty("gpu").GetString(), decision.GetProperty("by").GetString()));
        Assert.Contains("XID 79", decision.GetProperty("reason").GetString());
        Assert.Equal("healthy", gpu.GetProperty("health").GetProperty("state").GetString());
    }

    [Theory]
    [InlineData("", "reason")]
    [InlineData("{}", "reason")]
    [InlineData("{\"reason\": \"  \"}", "reason must not be empty")]
    [InlineData("{\"reason\": 7}", "Field 'reason' has a value of the wrong type")]
    [InlineData("{\"reason\": ", "not valid JSON")]
    public async Task Drain_BadBody_Answers400WithADetail(string body, string expected)
    {
        var node = Reports.UniqueNode("opsdc");
        await Http.PostAsync("/api/v1/ingest", Reports.Content(Reports.Encode(Reports.Make(node, 1, Reports.NowMs()))));

        var response = await TestKeys.SendAsync(Http, HttpMethod.Post, $"/api/v1/nodes/{node}/drain", TestKeys.Operator, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(expected, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Drain_UnknownNode_Answers404()
    {
        var response = await TestKeys.SendAsync(Http, HttpMethod.Post, "/api/v1/nodes/opsdc/never-reported/drain", TestKeys.Operator, Reason("test"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static StringContent Reason(string reason) => new(JsonSerializer.Serialize(new { reason }), Encoding.UTF8, "application/json");
}
