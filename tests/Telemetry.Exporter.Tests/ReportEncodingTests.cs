using Telemetry.Exporter.Simulation;
using Telemetry.Fields;
using Telemetry.Wire;

namespace Telemetry.Exporter.Tests;

public sealed class ReportEncodingTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Encode_SuccessiveReports_DecodeAsWireFormatV1(bool gzip)
    {
        const int samples = 10;
        var lane = new NodeLane(TestNodes.Create(samples: samples), 0);
        ulong lastSeq = 0;
        for (var i = 1; i <= 3; i++)
        {
            var now = TestNodes.Noon + (i * 1000);
            var request = lane.Encode(now, gzip, out _);
            var body = gzip ? Gunzip(request.Body) : request.Body;

            var report = Assert.Single(WireDecoder.DecodeAll(body));
            Assert.Equal(8, report.ArrayLength);
            Assert.Matches("^[0-9a-f]{32}$", report.HostBootId);
            Assert.Equal(1, report.Version);
            Assert.Equal("dc1/node-0001", report.NodeId);
            Assert.True(report.Seq > lastSeq, "seq must increase");
            Assert.Equal((ulong)i, report.Seq);
            lastSeq = report.Seq;
            Assert.True(Guid.TryParse(report.BootId, out _));
            Assert.Equal(Enumerable.Range(1, FieldCatalog.Count), report.Fields);
            Assert.Equal(8, report.Gpus.Length);
            Assert.Contains("cpu_util_pct", report.Gauges.Keys);
            foreach (var gpu in report.Gpus)
            {
                Assert.Equal("NVIDIA B200", gpu.Model);
                Assert.Equal(samples, gpu.Timestamps.Length);
                Assert.Equal(samples * report.Fields.Length, gpu.Values.Length);
                Assert.True(gpu.AllFloat32, "values are sent as float32");
                Assert.Equal(now, gpu.Timestamps[^1]);
                Assert.Equal(now - 900, gpu.Timestamps[0]);
                Assert.True(gpu.Timestamps.Zip(gpu.Timestamps.Skip(1)).All(p => p.First < p.Second), "timestamps ascend");
            }
        }
    }

    [Fact]
    public void Encode_Report_KeepsEveryValueToFloatPrecision()
    {
        var node = TestNodes.Create(samples: 4);
        var report = node.Generate(TestNodes.Noon);
        var output = new System.Buffers.ArrayBufferWriter<byte>();

        NodeReportWriter.Write(output, report, singlePrecision: true);
        var decoded = Assert.Single(WireDecoder.DecodeAll(output.WrittenMemory));

        for (var g = 0; g < report.Gpus.Length; g++)
        {
            Assert.Equal(report.Gpus[g].Uuid, decoded.Gpus[g].Uuid);
            Assert.Equal(report.Gpus[g].JobId, decoded.Gpus[g].JobId);
            Assert.Equal(report.Gpus[g].Values.Select(v => (double)(float)v), decoded.Gpus[g].Values);
        }
    }

    private static byte[] Gunzip(ReadOnlyMemory<byte> body)
    {
        using var input = new MemoryStream(body.ToArray());
        using var zip = new System.IO.Compression.GZipStream(input, System.IO.Compression.CompressionMode.Decompress);
        using var output = new MemoryStream();
        zip.CopyTo(output);
        return output.ToArray();
    }
}
