using System.Net.Http.Json;
using System.Text.Json;

namespace Telemetry.Silo.Tests;

/// <summary>XID verdicts that need a reset clear only on evidence of one: a changed host boot id, never a new exporter bootId.</summary>
[Collection(SiloCollection.Name)]
public sealed class StickyVerdictTests(SiloFixture silo)
{
    private const string HostA = "8d2c5f7e-1111-4a6b-9c0d-000000000001";
    private const string HostB = "8d2c5f7e-1111-4a6b-9c0d-000000000002";

    [Fact]
    public async Task Xid79_NewExporterBootIdOnTheSameHost_StaysUnhealthy()
    {
        var node = Reports.UniqueNode();
        await PostAsync(Reports.Make(node, 1, Reports.NowMs(), gpus: 1, xids: [79], bootId: "exporter-1", hostBootId: HostA));

        // The exporter restarted (new bootId, seq from 1) on a host that did not reboot: no reset.
        await PostAsync(Reports.Make(node, 1, Reports.NowMs(), gpus: 1, bootId: "exporter-2", hostBootId: HostA));

        Assert.Equal("unhealthy", await StateAsync(node));
    }

    [Fact]
    public async Task Xid79_ExporterWithoutHostBootIdRestarts_StaysUnhealthy()
    {
        var node = Reports.UniqueNode();
        await PostAsync(Reports.Make(node, 1, Reports.NowMs(), gpus: 1, xids: [79], bootId: "old-exporter-1"));

        await PostAsync(Reports.Make(node, 1, Reports.NowMs(), gpus: 1, bootId: "old-exporter-2"));

        Assert.Equal("unhealthy", await StateAsync(node));
    }

    [Fact]
    public async Task Xid79_HostRebootedWithACleanReport_IsHealthy()
    {
        var node = Reports.UniqueNode();
        await PostAsync(Reports.Make(node, 1, Reports.NowMs(), gpus: 1, xids: [79], bootId: "exporter-1", hostBootId: HostA));

        await PostAsync(Reports.Make(node, 1, Reports.NowMs(), gpus: 1, bootId: "exporter-2", hostBootId: HostB));

        Assert.Equal("healthy", await StateAsync(node));
    }

    [Fact]
    public async Task Xid79_HostRebootedButTheGpuFailsAgain_StaysUnhealthy()
    {
        var node = Reports.UniqueNode();
        await PostAsync(Reports.Make(node, 1, Reports.NowMs(), gpus: 1, xids: [79], bootId: "exporter-1", hostBootId: HostA));

        await PostAsync(Reports.Make(node, 1, Reports.NowMs(), gpus: 1, xids: [79], bootId: "exporter-2", hostBootId: HostB));

        Assert.Equal("unhealthy", await StateAsync(node));
    }

    private async Task PostAsync(Wire.NodeReport report) =>
        (await silo.Http.PostAsync("/api/v1/ingest", Reports.Content(Reports.Encode(report)))).EnsureSuccessStatusCode();

    private async Task<string?> StateAsync(string node) =>
        (await silo.Http.GetFromJsonAsync<JsonElement>($"/api/v1/gpus/{Reports.GpuUuid(node, 0)}")).GetProperty("health").GetProperty("state").GetString();
}
