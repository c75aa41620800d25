using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Telemetry.Silo.Tests.LineProtocol;

[Collection(SiloCollection.Name)]
public sealed class LineProtocolWriteTests(SiloFixture silo)
{
    [Fact]
    public async Task Write_TelegrafBatch_Answers204_AndEveryGpuIsVisible()
    {
        var (bucket, gpu0, gpu1) = Unique();

        var response = await WriteAsync(Fixture.Telegraf(Reports.NowMs(), gpu0, gpu1), $"org=site&bucket={bucket}&precision=ns");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var node = await silo.Http.GetFromJsonAsync<JsonElement>($"/api/v1/nodes/{bucket}/gpu-node-17");
        Assert.Equal(2, node.GetProperty("gpus").GetArrayLength());
        var gpu = await silo.Http.GetFromJsonAsync<JsonElement>($"/api/v1/gpus/{gpu0}");
        Assert.Equal(2, gpu.GetProperty("samples").GetInt64());
        Assert.Equal(99, gpu.GetProperty("last").GetProperty("gpu_util_pct").GetDouble());
        Assert.Equal(655.9, gpu.GetProperty("last").GetProperty("power_w").GetDouble());
        Assert.Equal("NVIDIA H100 80GB HBM3", gpu.GetProperty("model").GetString());
        Assert.Equal(0, gpu.GetProperty("index").GetInt32());
    }

    [Fact]
    public async Task Write_SameBatchRetried_IsAppliedOnce()
    {
        var (bucket, gpu0, gpu1) = Unique();
        var body = Fixture.Telegraf(Reports.NowMs(), gpu0, gpu1);

        var first = await WriteAsync(body, $"bucket={bucket}");
        var retry = await WriteAsync(body, $"bucket={bucket}");

        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NoContent), (first.StatusCode, retry.StatusCode));
        var gpu = await silo.Http.GetFromJsonAsync<JsonElement>($"/api/v1/gpus/{gpu1}");
        Assert.Equal(2, gpu.GetProperty("samples").GetInt64());
    }

    [Fact]
    public async Task Write_GzipAndMillisecondPrecision_AreAccepted()
    {
        var (bucket, gpu0, _) = Unique();
        var line = $"nvidia_smi,host=gz-node,index=0,name=NVIDIA\\ H200,uuid={gpu0} utilization_gpu=12i,power_draw=300.5 {Reports.NowMs()}";
        using var compressed = new MemoryStream();
        using (var zip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            zip.Write(Encoding.UTF8.GetBytes(line));
        }

        using var content = new ByteArrayContent(compressed.ToArray());
        content.Headers.ContentEncoding.Add("gzip");
        var response = await silo.Http.PostAsync($"/api/v2/write?bucket={bucket}&precision=ms", content);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var gpu = await silo.Http.GetFromJsonAsync<JsonElement>($"/api/v1/gpus/{gpu0}");
        Assert.Equal(300.5, gpu.GetProperty("last").GetProperty("power_w").GetDouble());
    }

    [Fact]
    public async Task Write_BadLine_Answers400WithInfluxErrorBody_AndAppliesNothing()
    {
        var (bucket, gpu0, gpu1) = Unique();
        var body = Fixture.Telegraf(Reports.NowMs(), gpu0, gpu1) + "nvidia_smi,host=gpu-node-17,index=0,uuid=" + gpu0 + " power_draw=hot\n";

        var response = await WriteAsync(body, $"bucket={bucket}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("invalid", error.GetProperty("code").GetString());
        Assert.Equal("line 7: field power_draw has the value 'hot', which is not a number, integer (i/u), boolean or quoted string", error.GetProperty("message").GetString());
        var gpu = await silo.Http.GetAsync($"/api/v1/gpus/{gpu0}");
        Assert.Equal(HttpStatusCode.NotFound, gpu.StatusCode);
    }

    [Fact]
    public async Task Write_UnknownPrecision_Answers400()
    {
        var response = await WriteAsync("cpu usage=1", "bucket=dc1&precision=h");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("precision 'h'", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static (string Bucket, string Gpu0, string Gpu1) Unique() =>
        ($"tg{Guid.NewGuid():N}"[..12], $"GPU-{Guid.NewGuid()}", $"GPU-{Guid.NewGuid()}");

    private Task<HttpResponseMessage> WriteAsync(string body, string query) =>
        silo.Http.PostAsync($"/api/v2/write?{query}", new StringContent(body, Encoding.UTF8, "text/plain"));
}
