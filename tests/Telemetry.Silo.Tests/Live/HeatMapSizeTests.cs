using System.IO.Compression;
using System.Text.Json;
using Xunit.Abstractions;
using Telemetry.Health;
using Telemetry.Silo.Api;
using Telemetry.Silo.Live;
using Telemetry.State;

namespace Telemetry.Silo.Tests.Live;

/// <summary>The heat-map answer of a 52,000-GPU data center, measured in bytes on the wire (a byte count, not a time).</summary>
public sealed class HeatMapSizeTests(ITestOutputHelper output)
{
    private const int Nodes = 6_500;
    private const int GpusPerNode = 8;
    private const int WireLimitBytes = 512 * 1024;

    [Fact]
    public void DataCenterGpus_52000Gpus_IsAtMost512KiBCompressed()
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(Answer(new Random(17)), ApiJson.Create());
        var brotli = Compressed(json, s => new BrotliStream(s, ResponseCompressionHostingExtensions.Level));
        var gzip = Compressed(json, s => new GZipStream(s, ResponseCompressionHostingExtensions.Level));

        output.WriteLine($"heat map, {Nodes * GpusPerNode:N0} GPUs: JSON {json.Length:N0} B, brotli {brotli:N0} B, gzip {gzip:N0} B");
        Assert.InRange(brotli, 1, WireLimitBytes);
        Assert.InRange(gzip, 1, WireLimitBytes);
    }

    private static int Compressed(byte[] json, Func<Stream, Stream> coding)
    {
        using var sink = new MemoryStream();
        using (var stream = coding(sink))
        {
            stream.Write(json);
        }

        return sink.ToArray().Length;
    }

    // Random UUIDs and utilizations, as a real fleet has: nothing here compresses better than production would.
    private static DataCenterGpus Answer(Random random)
    {
        var nodes = new HeatMapNode[Nodes];
        for (var n = 0; n < Nodes; n++)
        {
            var job = random.NextDouble() < 0.7 ? $"job-{random.Next():x8}" : null;
            var gpus = Enumerable.Range(0, GpusPerNode).Select(i => new GpuBrief
            {
                Uuid = $"GPU-{Guid.NewGuid()}",
                Index = i,
                Model = "NVIDIA B200",
                JobId = job,
                Health = random.NextDouble() < 0.02 ? HealthState.Degraded : HealthState.Healthy,
                UtilPct = job is null ? 0 : Math.Round(random.NextDouble() * 100, 1),
            }).ToArray();
            nodes[n] = HeatMapNode.From(new NodeSummary
            {
                NodeId = $"dc1/node-{n:D5}",
                Health = HealthState.Healthy,
                GpusByHealth = new HealthCounts(GpusPerNode, 0, 0, 0),
                Model = "NVIDIA B200",
                GpuBriefs = gpus,
            });
        }

        return new DataCenterGpus("dc1", nodes);
    }
}
