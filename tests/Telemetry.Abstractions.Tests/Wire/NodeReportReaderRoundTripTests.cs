using System.Buffers;
using Telemetry.Fields;
using Telemetry.Wire;

namespace Telemetry.Abstractions.Tests.Wire;

public class NodeReportReaderRoundTripTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TryReadAll_AllFields_ReturnsWhatWasWritten(bool singlePrecision)
    {
        var report = SampleReports.Node();

        var decoded = Assert.Single(WireAssert.Accepted(Write(singlePrecision, default, report)));

        AssertSame(report, decoded);
        Assert.Equal(0, decoded.SkippedFields);
    }

    [Fact]
    public void TryReadAll_Float32_WidensExactly()
    {
        var report = SampleReports.Node(gpuCount: 1, samples: 1);
        report.Gpus[0].Values[0] = 0.1;

        var decoded = Assert.Single(WireAssert.Accepted(Write(true, default, report)));

        Assert.Equal((double)0.1f, decoded.Gpus[0].Values[0]);
    }

    [Fact]
    public void TryReadAll_SubsetOfFields_LeavesOthersNaN()
    {
        var report = SampleReports.Node();
        int[] fields = [FieldCatalog.PowerW, FieldCatalog.GpuUtilPct];

        var decoded = Assert.Single(WireAssert.Accepted(Write(false, fields, report)));

        for (var g = 0; g < report.Gpus.Length; g++)
        {
            for (var s = 0; s < report.Gpus[g].SampleCount; s++)
            {
                for (var id = 1; id <= FieldCatalog.Count; id++)
                {
                    var expected = id is FieldCatalog.PowerW or FieldCatalog.GpuUtilPct ? report.Gpus[g].Value(s, id) : double.NaN;
                    Assert.Equal(expected, decoded.Gpus[g].Value(s, id));
                }
            }
        }
    }

    [Fact]
    public void TryReadAll_UnknownFieldIds_SkipsAndCountsThem()
    {
        var report = SampleReports.Node();
        int[] fields = [FieldCatalog.GpuTempC, 24, FieldCatalog.PowerW, 200];

        var decoded = Assert.Single(WireAssert.Accepted(Write(false, fields, report)));

        Assert.Equal(2, decoded.SkippedFields);
        Assert.Equal(report.Gpus[1].Value(2, FieldCatalog.PowerW), decoded.Gpus[1].Value(2, FieldCatalog.PowerW));
        Assert.Equal(report.Gpus[1].Value(2, FieldCatalog.GpuTempC), decoded.Gpus[1].Value(2, FieldCatalog.GpuTempC));
        Assert.True(double.IsNaN(decoded.Gpus[1].Value(2, FieldCatalog.GpuUtilPct)));
    }

    [Fact]
    public void TryReadAll_IntegerEncodedValues_DecodesEveryWidth()
    {
        long[] integers = [0, 127, -1, -32, -33, 200, -100, 60_000, -30_000, 4_000_000_000, -3_000_000_000, 1L << 40];
        var raw = new RawReport { Fields = Encode.Ints(1, 2, 3, 4, 5, 6) };
        raw.Gpus[0].Values = Encode.Ints(integers);
        raw.Gpus[0].Ts = Encode.Ints(RawReport.NowMs - 2_000, RawReport.NowMs - 1_000);
        var bigUnsigned = new RawReport { Fields = Encode.Ints(1) };
        bigUnsigned.Gpus[0].Values = Encode.Array(Encode.UInt(ulong.MaxValue), Encode.Int(3));

        var reports = WireAssert.Accepted(RawReport.Body(raw, bigUnsigned));

        for (var i = 0; i < integers.Length; i++)
        {
            Assert.Equal(integers[i], reports[0].Gpus[0].Value(i / 6, (i % 6) + 1));
        }

        Assert.Equal(ulong.MaxValue, reports[1].Gpus[0].Value(0, 1));
    }

    [Fact]
    public void TryReadAll_NaNValue_MeansNotMeasured()
    {
        var raw = new RawReport();
        raw.Gpus[0].Values = Encode.Array(
            Encode.Double(double.NaN), Encode.Raw(0xca, 0x7f, 0xc0, 0x00, 0x00), Encode.Int(3), Encode.Double(4), Encode.Double(5), Encode.Double(6));

        var gpu = Assert.Single(Assert.Single(WireAssert.Accepted(raw.ToBody())).Gpus);

        Assert.True(double.IsNaN(gpu.Value(0, FieldCatalog.GpuUtilPct)));
        Assert.True(double.IsNaN(gpu.Value(0, FieldCatalog.GpuTempC)));
        Assert.Equal(3, gpu.Value(0, FieldCatalog.PowerW));
    }

    [Fact]
    public void TryReadAll_SeveralReports_ReturnsThemInBodyOrder()
    {
        var first = SampleReports.Node("dc1/node-01", seq: 1);
        var second = SampleReports.Node("dc1/node-01", seq: 2, gpuCount: 8);
        var third = SampleReports.Node("dc2/node-99", seq: 1, gpuCount: 0);

        var decoded = WireAssert.Accepted(Write(false, default, first, second, third));

        Assert.Equal(3, decoded.Count);
        AssertSame(first, decoded[0]);
        AssertSame(second, decoded[1]);
        AssertSame(third, decoded[2]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(64)]
    public void TryReadAll_SegmentedBody_DecodesLikeContiguous(int segmentLength)
    {
        var report = SampleReports.Node(gpuCount: 3, samples: 5);
        var body = Write(false, [1, 2, 3, 24, 9, 10], report, report with { Seq = 8 });

        var contiguous = WireAssert.Accepted(body);
        var segmented = WireAssert.Accepted(Segmented.Split(body, segmentLength));

        Assert.Equal(contiguous.Count, segmented.Count);
        for (var r = 0; r < contiguous.Count; r++)
        {
            AssertSame(contiguous[r], segmented[r]);
        }
    }

    [Fact]
    public void TryReadAll_RepeatedModelName_SharesOneString()
    {
        var body = Write(false, default, SampleReports.Node(gpuCount: 4));

        var gpus = Assert.Single(WireAssert.Accepted(body)).Gpus;

        Assert.Same(gpus[0].Model, gpus[3].Model);
    }

    [Fact]
    public void TryReadAll_ExtraTrailingElements_AreSkipped()
    {
        var raw = new RawReport();
        raw.Extra.Add(Encode.Nested(100_000));
        raw.Extra.Add(Encode.Map(("future", Encode.Str("field"))));
        raw.Gpus[0].Extra.Add(Encode.Ints(1, 2, 3));

        var reports = WireAssert.Accepted(RawReport.Body(raw, raw));

        Assert.Equal(2, reports.Count);
        Assert.Equal(21, reports[1].Gpus[0].Value(1, FieldCatalog.GpuTempC));
    }

    [Fact]
    public void TryReadAll_HostBootIdAtPositionSeven_IsRead_AndWhatFollowsSkipped()
    {
        var raw = new RawReport();
        raw.Extra.Add(Encode.Str("2f0c6e8a-3a1b-4c55-9d1e-6f7a8b9c0d1e"));
        raw.Extra.Add(Encode.Nested(1_000));

        var report = Assert.Single(WireAssert.Accepted(RawReport.Body(raw)));

        Assert.Equal("2f0c6e8a-3a1b-4c55-9d1e-6f7a8b9c0d1e", report.HostBootId);
    }

    [Fact]
    public void TryReadAll_SevenElements_HasNoHostBootId() =>
        Assert.Null(Assert.Single(WireAssert.Accepted(RawReport.Body(new RawReport()))).HostBootId);

    [Fact]
    public void Write_HostBootId_RoundTrips()
    {
        var report = SampleReports.Node() with { HostBootId = "host-7" };

        var read = Assert.Single(WireAssert.Accepted(Write(false, default, report)));

        Assert.Equal("host-7", read.HostBootId);
    }

    [Fact]
    public void TryReadAll_ReadOnlyMemory_DecodesLikeSequence()
    {
        var body = Write(false, default, SampleReports.Node());

        var ok = NodeReportReader.TryReadAll(body.AsMemory(), new WireLimits(), RawReport.Now, out var reports, out var error);

        Assert.True(ok);
        Assert.Null(error);
        AssertSame(SampleReports.Node(), Assert.Single(reports));
    }

    private static byte[] Write(bool singlePrecision, int[]? fields, params NodeReport[] reports)
    {
        var buffer = new ArrayBufferWriter<byte>();
        foreach (var report in reports)
        {
            NodeReportWriter.Write(buffer, report, fields, singlePrecision);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void AssertSame(NodeReport expected, NodeReport actual)
    {
        Assert.Equal(expected.NodeId, actual.NodeId);
        Assert.Equal(expected.Seq, actual.Seq);
        Assert.Equal(expected.BootId, actual.BootId);
        Assert.Equal(expected.Gauges.OrderBy(g => g.Key), actual.Gauges.OrderBy(g => g.Key));
        Assert.Equal(expected.Gpus.Length, actual.Gpus.Length);
        for (var g = 0; g < expected.Gpus.Length; g++)
        {
            var (e, a) = (expected.Gpus[g], actual.Gpus[g]);
            Assert.Equal(e.Index, a.Index);
            Assert.Equal(e.Uuid, a.Uuid);
            Assert.Equal(e.Model, a.Model);
            Assert.Equal(e.JobId, a.JobId);
            Assert.Equal(e.Timestamps, a.Timestamps);
            Assert.Equal(e.Values, a.Values);
            Assert.Equal(e.Xids, a.Xids);
        }
    }
}
