using System.Net.Http.Json;
using System.Text.Json;
using Telemetry.Fields;

namespace Telemetry.Silo.Tests;

[Collection(SiloCollection.Name)]
public sealed class HealthTests(SiloFixture silo)
{
    [Fact]
    public async Task Xid79_MakesGpuAndNodeUnhealthy_WithReasonAndAction()
    {
        var node = Reports.UniqueNode();
        await silo.Http.PostAsync("/api/v1/ingest", Reports.Content(Reports.Encode(Reports.Make(node, 1, Reports.NowMs(), xids: [79]))));

        var gpu = await silo.Http.GetFromJsonAsync<JsonElement>($"/api/v1/gpus/{Reports.GpuUuid(node, 0)}");
        var health = gpu.GetProperty("health");
        Assert.Equal("unhealthy", health.GetProperty("state").GetString());
        Assert.Contains(health.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("79", StringComparison.Ordinal));
        Assert.NotEmpty(health.GetProperty("recommendedActions").EnumerateArray());
        Assert.Equal(79, gpu.GetProperty("xids")[0].GetProperty("code").GetInt32());

        var nodeBody = await silo.Http.GetFromJsonAsync<JsonElement>($"/api/v1/nodes/{node}");
        Assert.Equal("unhealthy", nodeBody.GetProperty("health").GetProperty("state").GetString());
        Assert.Equal(1, nodeBody.GetProperty("freeGpus").GetInt32());
    }

    [Fact]
    public async Task EccDoubleBitError_IsStickyAcrossCleanReports()
    {
        var node = Reports.UniqueNode();
        var now = Reports.NowMs();
        await silo.Http.PostAsync("/api/v1/ingest", Reports.Content(Reports.Encode(
            Reports.Make(node, 1, now - 20_000, gpus: 1, value: (g, s, f) => f == FieldCatalog.EccDbeDelta && s == 3 ? 1 : Reports.DefaultValue(g, s, f)))));
        await silo.Http.PostAsync("/api/v1/ingest", Reports.Content(Reports.Encode(Reports.Make(node, 2, now, gpus: 1))));

        var gpu = await silo.Http.GetFromJsonAsync<JsonElement>($"/api/v1/gpus/{Reports.GpuUuid(node, 0)}");

        Assert.Equal("unhealthy", gpu.GetProperty("health").GetProperty("state").GetString());
    }

    [Fact]
    public async Task SilentNode_GoesOffline_AndComesBackWhenItReports()
    {
        var node = Reports.UniqueNode();

        // Samples 100 ms apart: until a second report arrives, the silence allowed is 3 × the first report's span
        // (2.7 s here, docs/health.md), so the node goes offline within the wait below.
        await silo.Http.PostAsync("/api/v1/ingest", Reports.Content(Reports.Encode(Reports.Make(node, 1, Reports.NowMs(), gpus: 1, stepMs: 100))));
        var uuid = Reports.GpuUuid(node, 0);

        var offline = await Eventually.GetAsync(
            () => silo.Http.GetFromJsonAsync<JsonElement>($"/api/v1/gpus/{uuid}"),
            g => g.GetProperty("health").GetProperty("state").GetString() == "offline",
            what: "the GPU to go offline after its node fell silent");
        var nodeBody = await silo.Http.GetFromJsonAsync<JsonElement>($"/api/v1/nodes/{node}");
        Assert.Equal("offline", nodeBody.GetProperty("health").GetProperty("state").GetString());
        Assert.Equal(0, nodeBody.GetProperty("freeGpus").GetInt32());
        Assert.Equal("offline", offline.GetProperty("health").GetProperty("state").GetString());

        await silo.Http.PostAsync("/api/v1/ingest", Reports.Content(Reports.Encode(Reports.Make(node, 2, Reports.NowMs(), gpus: 1))));

        var back = await silo.Http.GetFromJsonAsync<JsonElement>($"/api/v1/gpus/{uuid}");
        Assert.Equal("healthy", back.GetProperty("health").GetProperty("state").GetString());
    }
}
