using Telemetry.Wire;

namespace Telemetry.Abstractions.Tests.Wire;

/// <summary>Inputs built to make a decoder allocate, recurse or throw: each must end in a <see cref="WireError"/>.</summary>
public class NodeReportReaderHostileInputTests
{
    private static readonly ValueWriter MaxArrayHeader = Encode.Raw(0xdd, 0xff, 0xff, 0xff, 0xff);

    [Fact]
    public void TryReadAll_ReportLengthUIntMax_ReportsMalformed()
    {
        var error = WireAssert.Rejected([0xdd, 0xff, 0xff, 0xff, 0xff, 0x01], WireErrorCodes.Malformed);

        Assert.Contains("4294967295", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void TryReadAll_GpuCountUIntMax_RejectsTooManyGpus()
    {
        WireAssert.Rejected(new RawReport { GpuList = MaxArrayHeader }.ToBody(), WireErrorCodes.TooManyGpus);
    }

    [Fact]
    public void TryReadAll_ValuesLengthUIntMax_RejectsValuesLength()
    {
        var raw = new RawReport();
        raw.Gpus[0].Values = MaxArrayHeader;

        WireAssert.Rejected(raw.ToBody(), WireErrorCodes.ValuesLength);
    }

    [Fact]
    public void TryReadAll_CountsUIntMax_RejectedByTheirLimits()
    {
        var ts = new RawReport();
        ts.Gpus[0].Ts = MaxArrayHeader;
        var xids = new RawReport();
        xids.Gpus[0].Xids = MaxArrayHeader;

        WireAssert.Rejected(new RawReport { Fields = MaxArrayHeader }.ToBody(), WireErrorCodes.Fields);
        WireAssert.Rejected(new RawReport { Gauges = Encode.Raw(0xdf, 0xff, 0xff, 0xff, 0xff) }.ToBody(), WireErrorCodes.Gauges);
        WireAssert.Rejected(ts.ToBody(), WireErrorCodes.Timestamps);
        WireAssert.Rejected(xids.ToBody(), WireErrorCodes.Xids);
    }

    [Fact]
    public void TryReadAll_ExtraElementLengthUIntMax_ReportsMalformed()
    {
        var raw = new RawReport();
        raw.Extra.Add(MaxArrayHeader);

        WireAssert.Rejected(raw.ToBody(), WireErrorCodes.Malformed);
    }

    [Fact]
    public void TryReadAll_TenMegabyteStringHeaderInTinyBody_RejectedBeforeDecoding()
    {
        ValueWriter tenMegabytes = Encode.Raw(0xdb, 0x00, 0xa0, 0x00, 0x00, (byte)'x');
        var raw = new RawReport();
        raw.Gpus[0].Uuid = tenMegabytes;

        var error = WireAssert.Rejected(raw.ToBody(), WireErrorCodes.GpuUuid);

        Assert.Contains("10485760 bytes", error.Detail, StringComparison.Ordinal);
        WireAssert.Rejected(new RawReport { BootId = tenMegabytes }.ToBody(), WireErrorCodes.BootId);
        WireAssert.Rejected(new RawReport { NodeId = tenMegabytes }.ToBody(), WireErrorCodes.NodeId);
    }

    [Fact]
    public void TryReadAll_StringLongerThanBody_ReportsMalformed()
    {
        var raw = new RawReport { BootId = Encode.Raw(0xd9, 200, (byte)'x') };

        WireAssert.Rejected(raw.ToBody(), WireErrorCodes.Malformed);
    }

    [Fact]
    public void TryReadAll_DeeplyNestedGaugeValue_RejectsGauges()
    {
        var raw = new RawReport { Gauges = Encode.Map(("cpu_util_pct", Encode.Nested(1_000_000))) };

        WireAssert.Rejected(raw.ToBody(), WireErrorCodes.Gauges);
    }

    [Fact]
    public void TryReadAll_DeeplyNestedExtraElement_SkipsWithoutRecursing()
    {
        var raw = new RawReport();
        raw.Extra.Add(Encode.Nested(1_000_000));

        Assert.Single(WireAssert.Accepted(raw.ToBody()));
    }

    [Fact]
    public void TryReadAll_RandomlyCorruptedBodies_NeverThrow()
    {
        var raw = new RawReport { Gauges = Encode.Map(("cpu_util_pct", Encode.Double(12.5))) };
        raw.Gpus.Add(new RawGpu(1) { Xids = Encode.Ints(79) });
        var valid = raw.ToBody();
        var random = new Random(20_240_601);

        for (var round = 0; round < 5_000; round++)
        {
            var body = (byte[])valid.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                body[random.Next(body.Length)] = (byte)random.Next(256);
            }

            var ok = NodeReportReader.TryReadAll(body, new WireLimits(), RawReport.Now, out var reports, out var error);

            Assert.Equal(ok, error is null);
            Assert.Equal(ok, reports.Count > 0);
        }
    }
}
