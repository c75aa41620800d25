using Telemetry.Wire;

namespace Telemetry.Abstractions.Tests.Wire;

public class NodeReportReaderReportTests
{
    public static TheoryData<string> BadNodeIds => ["DC1/node", "dc1", "dc1/", "/node", "dc1/node/x", "-dc/node", "dc1/n ode", new string('a', 64) + "/node"];

    [Fact]
    public void TryReadAll_ReportIsAMap_RejectsShape()
    {
        WireAssert.Rejected(Encode.ToBytes(Encode.Map(("v", Encode.Int(1)))), WireErrorCodes.ReportShape);
    }

    [Fact]
    public void TryReadAll_ReportOfSixElements_RejectsShape()
    {
        var error = WireAssert.Rejected(new RawReport { DeclaredLength = 6 }.ToBody(), WireErrorCodes.ReportShape);

        Assert.Contains("expected 7", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void TryReadAll_GpuListNotAnArray_RejectsShape()
    {
        WireAssert.Rejected(new RawReport { GpuList = Encode.Nil }.ToBody(), WireErrorCodes.ReportShape);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void TryReadAll_VersionNotOne_RejectsVersion(int version)
    {
        WireAssert.Rejected(new RawReport { Version = Encode.Int(version) }.ToBody(), WireErrorCodes.UnsupportedVersion);
    }

    [Fact]
    public void TryReadAll_VersionAsString_RejectsVersion()
    {
        WireAssert.Rejected(new RawReport { Version = Encode.Str("1") }.ToBody(), WireErrorCodes.UnsupportedVersion);
    }

    [Theory]
    [MemberData(nameof(BadNodeIds))]
    public void TryReadAll_InvalidNodeId_RejectsNodeId(string nodeId)
    {
        var error = WireAssert.Rejected(new RawReport { NodeId = Encode.Str(nodeId) }.ToBody(), WireErrorCodes.NodeId);

        Assert.DoesNotContain("(node", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void TryReadAll_NodeIdNotAString_RejectsNodeId()
    {
        WireAssert.Rejected(new RawReport { NodeId = Encode.Int(7) }.ToBody(), WireErrorCodes.NodeId);
    }

    [Fact]
    public void TryReadAll_NegativeSeq_RejectsSeq()
    {
        WireAssert.Rejected(new RawReport { Seq = Encode.Int(-1) }.ToBody(), WireErrorCodes.Seq);
        WireAssert.Rejected(new RawReport { Seq = Encode.Str("42") }.ToBody(), WireErrorCodes.Seq);
    }

    [Fact]
    public void TryReadAll_LargestSeq_Accepted()
    {
        var report = Assert.Single(WireAssert.Accepted(new RawReport { Seq = Encode.UInt(ulong.MaxValue) }.ToBody()));

        Assert.Equal(ulong.MaxValue, report.Seq);
    }

    [Fact]
    public void TryReadAll_BadBootId_RejectsBootId()
    {
        WireAssert.Rejected(new RawReport { BootId = Encode.Str("") }.ToBody(), WireErrorCodes.BootId);
        WireAssert.Rejected(new RawReport { BootId = Encode.Nil }.ToBody(), WireErrorCodes.BootId);
        WireAssert.Rejected(new RawReport { BootId = Encode.Str(new string('b', 257)) }.ToBody(), WireErrorCodes.BootId);
        WireAssert.Accepted(new RawReport { BootId = Encode.Str(new string('b', 256)) }.ToBody());
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(256L)]
    [InlineData(-1L)]
    public void TryReadAll_FieldIdOutOfRange_RejectsFields(long id)
    {
        var raw = new RawReport { Fields = Encode.Ints(1, 7, id) };

        var error = WireAssert.Rejected(raw.ToBody(), WireErrorCodes.Fields);

        Assert.Contains("fields[2]", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void TryReadAll_DuplicateFieldId_RejectsFields()
    {
        WireAssert.Rejected(new RawReport { Fields = Encode.Ints(1, 7, 1) }.ToBody(), WireErrorCodes.Fields);
        WireAssert.Rejected(new RawReport { Fields = Encode.Ints(1, 200, 200) }.ToBody(), WireErrorCodes.Fields);
    }

    [Fact]
    public void TryReadAll_FieldsNotIntegers_RejectsFields()
    {
        WireAssert.Rejected(new RawReport { Fields = Encode.Nil }.ToBody(), WireErrorCodes.Fields);
        WireAssert.Rejected(new RawReport { Fields = Encode.Doubles(1, 7, 9) }.ToBody(), WireErrorCodes.Fields);
    }

    [Fact]
    public void TryReadAll_MoreFieldsThanLimit_RejectsFields()
    {
        var limits = new WireLimits { MaxFields = 2 };

        WireAssert.Rejected(new RawReport().ToBody(), WireErrorCodes.Fields, limits: limits);
    }

    [Fact]
    public void TryReadAll_Gauges_KeepsNamesAndValues()
    {
        var raw = new RawReport { Gauges = Encode.Map(("cpu_util_pct", Encode.Double(12.5)), ("custom_thing", Encode.Int(3)), ("nan", Encode.Double(double.NaN))) };

        var gauges = Assert.Single(WireAssert.Accepted(raw.ToBody())).Gauges;

        Assert.Equal(12.5, gauges["cpu_util_pct"]);
        Assert.Equal(3, gauges["custom_thing"]);
        Assert.True(double.IsNaN(gauges["nan"]));
    }

    [Fact]
    public void TryReadAll_BadGauges_RejectsGauges()
    {
        WireAssert.Rejected(new RawReport { Gauges = Encode.Ints(1) }.ToBody(), WireErrorCodes.Gauges);
        WireAssert.Rejected(new RawReport { Gauges = Encode.Map(("", Encode.Int(1))) }.ToBody(), WireErrorCodes.Gauges);
        WireAssert.Rejected(new RawReport { Gauges = Encode.Map(("a", Encode.Str("1"))) }.ToBody(), WireErrorCodes.Gauges);
        WireAssert.Rejected(new RawReport { Gauges = Encode.Map(("a", Encode.Double(double.PositiveInfinity))) }.ToBody(), WireErrorCodes.Gauges);
        WireAssert.Rejected(new RawReport { Gauges = Encode.Map(("a", Encode.Int(1)), ("a", Encode.Int(2))) }.ToBody(), WireErrorCodes.Gauges);
        WireAssert.Rejected(new RawReport { Gauges = Encode.Map((new string('g', 257), Encode.Int(1))) }.ToBody(), WireErrorCodes.Gauges);
    }

    [Fact]
    public void TryReadAll_MoreGaugesThanLimit_RejectsGauges()
    {
        var limits = new WireLimits { MaxGauges = 1 };
        var raw = new RawReport { Gauges = Encode.Map(("a", Encode.Int(1)), ("b", Encode.Int(2))) };

        WireAssert.Rejected(raw.ToBody(), WireErrorCodes.Gauges, limits: limits);
    }
}
