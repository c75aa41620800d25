using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using Telemetry.Fields;
using Telemetry.Wire;

namespace Telemetry.Dashboard.Tests;

/// <summary>A node that joins a data center with an XID 79 on its GPU 0: a health change made the way exporters make them.</summary>
internal static class FaultyNode
{
    public static string GpuUuid(string nodeId, int index) => $"GPU-{Math.Abs(nodeId.GetHashCode(StringComparison.Ordinal)):x8}-7979-0000-0000-{index:D12}";

    public static async Task SendAsync(HttpClient http, string nodeId, int gpus = 8)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var blocks = new GpuSamples[gpus];
        for (var g = 0; g < gpus; g++)
        {
            var values = new double[FieldCatalog.Count];
            values[FieldCatalog.GpuUtilPct - 1] = 30 + g;
            values[FieldCatalog.GpuTempC - 1] = 55;
            values[FieldCatalog.PowerW - 1] = 600;
            values[FieldCatalog.FbTotalMib - 1] = 183359;
            values[FieldCatalog.FbUsedMib - 1] = 1024;
            blocks[g] = new GpuSamples
            {
                Index = g,
                Uuid = GpuUuid(nodeId, g),
                Model = "NVIDIA B200",
                Timestamps = [now],
                Values = values,
                Xids = g == 0 ? [79] : [],
            };
        }

        var body = new ArrayBufferWriter<byte>();
        NodeReportWriter.Write(body, new NodeReport { NodeId = nodeId, Seq = 1, BootId = Guid.NewGuid().ToString(), Gpus = blocks });
        using var content = new ByteArrayContent(body.WrittenSpan.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue(WireContentTypes.MessagePack);
        using var answer = await http.PostAsync("/api/v1/ingest", content);
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
    }
}
