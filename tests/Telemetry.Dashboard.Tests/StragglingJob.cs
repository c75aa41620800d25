using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using Telemetry.Fields;
using Telemetry.Wire;

namespace Telemetry.Dashboard.Tests;

/// <summary>A job of eight GPUs on two nodes whose last GPU runs at 0.35 sm_active against its peers' 0.9, sent through ingest.</summary>
internal static class StragglingJob
{
    public const int GpusPerNode = 4;

    public static string GpuUuid(string nodeId, int index) => $"GPU-{Math.Abs(nodeId.GetHashCode(StringComparison.Ordinal)):x8}-5757-0000-0000-{index:D12}";

    /// <summary>
    /// Seven 10-second buckets ending now, one report a node a bucket; returns the straggler's UUID. Until
    /// <paramref name="keepReporting"/> is cancelled the nodes go on reporting one bucket every 10 s, so a slow test
    /// run never sees them fall silent (offline) before it has looked at them.
    /// </summary>
    public static async Task<string> SendAsync(HttpClient http, string jobId, string[] nodes, CancellationToken keepReporting = default)
    {
        var first = ((DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 10_000) - 7) * 10_000;
        var boots = nodes.Select(_ => Guid.NewGuid().ToString()).ToArray();
        for (var k = 0; k < 7; k++)
        {
            for (var n = 0; n < nodes.Length; n++)
            {
                await PostAsync(http, Report(nodes[n], boots[n], (ulong)(k + 1), first + (k * 10_000), jobId, SlowGpu(nodes, n)), CancellationToken.None);
            }
        }

        if (keepReporting.CanBeCanceled)
        {
            _ = Task.Run(() => KeepReportingAsync(http, jobId, nodes, boots, first, keepReporting), CancellationToken.None);
        }

        return GpuUuid(nodes[^1], GpusPerNode - 1);
    }

    private static async Task KeepReportingAsync(HttpClient http, string jobId, string[] nodes, string[] boots, long first, CancellationToken stop)
    {
        try
        {
            for (var k = 7; !stop.IsCancellationRequested; k++)
            {
                // A bucket is sent once it has passed, as an exporter would.
                var due = DateTimeOffset.FromUnixTimeMilliseconds(first + ((k + 1) * 10_000)) - DateTimeOffset.UtcNow;
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, stop);
                }

                for (var n = 0; n < nodes.Length; n++)
                {
                    await PostAsync(http, Report(nodes[n], boots[n], (ulong)(k + 1), first + (k * 10_000), jobId, SlowGpu(nodes, n)), stop);
                }
            }
        }
        catch (Exception) when (stop.IsCancellationRequested)
        {
            // The test is over.
        }
    }

    private static int SlowGpu(string[] nodes, int n) => n == nodes.Length - 1 ? GpusPerNode - 1 : -1;

    private static async Task PostAsync(HttpClient http, NodeReport report, CancellationToken ct)
    {
        var body = new ArrayBufferWriter<byte>();
        NodeReportWriter.Write(body, report);
        using var content = new ByteArrayContent(body.WrittenSpan.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue(WireContentTypes.MessagePack);
        using var answer = await http.PostAsync("/api/v1/ingest", content, ct);
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
    }

    private static NodeReport Report(string nodeId, string bootId, ulong seq, long bucketStartMs, string jobId, int slowGpu)
    {
        const int samples = 10;
        var blocks = new GpuSamples[GpusPerNode];
        for (var g = 0; g < GpusPerNode; g++)
        {
            var values = new double[samples * FieldCatalog.Count];
            Array.Fill(values, double.NaN);
            for (var s = 0; s < samples; s++)
            {
                var row = s * FieldCatalog.Count;
                values[row + FieldCatalog.SmActive - 1] = g == slowGpu ? 0.35 : 0.9;
                values[row + FieldCatalog.GpuUtilPct - 1] = 97;
                values[row + FieldCatalog.PowerW - 1] = 900;
                values[row + FieldCatalog.GpuTempC - 1] = 60;
                values[row + FieldCatalog.FbTotalMib - 1] = 183359;
                values[row + FieldCatalog.FbUsedMib - 1] = 120_000;
            }

            blocks[g] = new GpuSamples
            {
                Index = g,
                Uuid = GpuUuid(nodeId, g),
                Model = "NVIDIA B200",
                JobId = jobId,
                Timestamps = [.. Enumerable.Range(0, samples).Select(s => bucketStartMs + (s * 1_000))],
                Values = values,
            };
        }

        return new NodeReport { NodeId = nodeId, Seq = seq, BootId = bootId, Gpus = blocks };
    }
}
