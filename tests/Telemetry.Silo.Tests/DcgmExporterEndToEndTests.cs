using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Telemetry.Exporter.Running;
using Telemetry.Exporter.Sources.Dcgm;

namespace Telemetry.Silo.Tests;

/// <summary>
/// dcgm-exporter's page, served by a tiny local HTTP server, through the exporter's run loop into a real silo:
/// the GPUs' values through the API, then an XID appearing in DCGM_FI_DEV_XID_ERRORS turning a GPU unhealthy.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class DcgmExporterEndToEndTests(SiloFixture silo) : IDisposable
{
    private const string FixtureGpu0 = "GPU-604ac76c-d9cf-fef3-62e9-d92044ab6e52";
    private const string FixtureGpu1 = "GPU-a1b2c3d4-0000-1111-2222-333344445555";
    private readonly HttpListener _listener = new();
    private readonly string _gpu0 = $"GPU-{Guid.NewGuid()}";
    private readonly string _gpu1 = $"GPU-{Guid.NewGuid()}";
    private volatile string _page = "";

    [Fact]
    public async Task RunLoop_ScrapesDcgmExporter_GpusVisible_ThenXid79MakesTheGpuUnhealthy()
    {
        var page = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "dcgm-exporter.txt"))
            .Replace(FixtureGpu0, _gpu0, StringComparison.Ordinal)
            .Replace(FixtureGpu1, _gpu1, StringComparison.Ordinal);
        _page = page;
        var metrics = Serve();
        var nodeId = $"dcg{Guid.NewGuid():N}"[..12] + "/node-17";
        await using var source = new DcgmExporterSource(metrics);
        await source.StartAsync(CancellationToken.None);
        var settings = new ExporterSettings
        {
            Source = new SourceSpec(SourceKind.DcgmExporter, metrics),
            Servers = [silo.BaseAddress],
            NodeId = nodeId,
            SampleHz = 10,
            ReportEvery = TimeSpan.FromSeconds(0.5),
        };
        using var stop = new CancellationTokenSource();
        var run = new NodeExporter(settings, source, TextWriter.Null).RunAsync(stop.Token);

        var gpu = await Eventually.GetAsync(
            () => GpuAsync(_gpu0),
            g => g.ValueKind == JsonValueKind.Object,
            what: "the first dcgm-exporter GPU to reach the silo");
        Assert.Equal(nodeId, gpu.GetProperty("node").GetString());
        Assert.Equal("team-a/llm-0", gpu.GetProperty("jobId").GetString());
        Assert.Equal(612.418, gpu.GetProperty("last").GetProperty("power_w").GetDouble(), 3);
        Assert.Equal("healthy", gpu.GetProperty("health").GetProperty("state").GetString());
        var other = await Eventually.GetAsync(() => GpuAsync(_gpu1), g => g.ValueKind == JsonValueKind.Object, what: "the second GPU");
        Assert.Equal("4242", other.GetProperty("jobId").GetString());
        Assert.Empty(other.GetProperty("xids").EnumerateArray());

        // dcgm-exporter's gauge now shows XID 79 (fallen off the bus) where it showed 0.
        _page = page.Replace("err_msg=\"No Error\"} 0", "err_msg=\"GPU has fallen off the bus\"} 79", StringComparison.Ordinal);
        var unhealthy = await Eventually.GetAsync(
            () => GpuAsync(_gpu0),
            g => g.GetProperty("health").GetProperty("state").GetString() == "unhealthy",
            what: "XID 79 to make the GPU unhealthy");
        Assert.Equal(79, Assert.Single(unhealthy.GetProperty("xids").EnumerateArray()).GetProperty("code").GetInt32());

        await stop.CancelAsync();
        var stats = await run;
        Assert.Equal(0, stats.ReportsRejected);
        Assert.Equal(1, stats.Xids);
    }

    /// <summary>Closing the listener ends the serving loop.</summary>
    public void Dispose() => _listener.Close();

    private async Task<JsonElement> GpuAsync(string uuid)
    {
        using var response = await silo.Http.GetAsync($"/api/v1/gpus/{uuid}");
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
    }

    private Uri Serve()
    {
        var port = FreePort.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _ = Task.Run(async () =>
        {
            try
            {
                while (_listener.IsListening)
                {
                    var context = await _listener.GetContextAsync();
                    var bytes = Encoding.UTF8.GetBytes(_page);
                    context.Response.ContentType = "text/plain; version=0.0.4";
                    await context.Response.OutputStream.WriteAsync(bytes);
                    context.Response.Close();
                }
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                // The test is over and closed the listener.
            }
        });
        return new Uri($"http://127.0.0.1:{port}/metrics");
    }
}
