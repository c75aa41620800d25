using Telemetry.Wire;

namespace Telemetry.Abstractions.Tests.Wire;

public class NodeReportReaderBodyTests
{
    [Fact]
    public void TryReadAll_EmptyBody_RejectsWholeBody()
    {
        var error = WireAssert.Rejected([], WireErrorCodes.EmptyBody, reportIndex: -1);

        Assert.Contains("empty", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void TryReadAll_MoreReportsThanLimit_RejectsWholeBody()
    {
        var limits = new WireLimits { MaxReportsPerBody = 2 };
        var report = new RawReport();

        WireAssert.Accepted(RawReport.Body(report, report), limits);
        WireAssert.Rejected(RawReport.Body(report, report, report), WireErrorCodes.TooManyReports, reportIndex: -1, limits);
    }

    [Fact]
    public void TryReadAll_TruncatedAtEveryOffset_ReportsMalformed()
    {
        var raw = new RawReport { Gauges = Encode.Map(("cpu_util_pct", Encode.Double(12.5))) };
        raw.Gpus[0].JobId = Encode.Str("job-1");
        raw.Gpus[0].Xids = Encode.Ints(79);
        raw.Gpus.Add(new RawGpu(1));
        var body = raw.ToBody();

        for (var length = 1; length < body.Length; length++)
        {
            var error = WireAssert.Rejected(body[..length], WireErrorCodes.Malformed);
            Assert.Contains("Report 0", error.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TryReadAll_TruncatedSegmentedBody_ReportsMalformed()
    {
        var body = new RawReport().ToBody();

        for (var length = 1; length < body.Length; length++)
        {
            WireAssert.Rejected(Segmented.Split(body[..length], 3), WireErrorCodes.Malformed);
        }
    }

    [Fact]
    public void TryReadAll_TruncatedSecondReport_NamesItsIndex()
    {
        var body = RawReport.Body(new RawReport(), new RawReport());

        WireAssert.Rejected(body[..^3], WireErrorCodes.Malformed, reportIndex: 1);
    }

    [Fact]
    public void TryReadAll_NeverUsedCode_ReportsMalformed()
    {
        var raw = new RawReport();
        raw.Gpus[0].Model = Encode.Raw(0xc1);

        WireAssert.Rejected(raw.ToBody(), WireErrorCodes.Malformed);
        WireAssert.Rejected([.. new RawReport().ToBody(), 0xc1], WireErrorCodes.Malformed, reportIndex: 1);
    }

    [Fact]
    public void TryReadAll_ErrorInSecondReport_NamesReportNodeAndGpu()
    {
        var bad = new RawReport { NodeId = Encode.Str("dc2/node-07") };
        bad.Gpus.Add(new RawGpu(3) { Values = Encode.Doubles(1, 2, 3, 4, 5) });

        var error = WireAssert.Rejected(RawReport.Body(new RawReport(), bad), WireErrorCodes.ValuesLength, reportIndex: 1);

        Assert.Equal("Report 1 (node 'dc2/node-07'), GPU 3: values has 5 numbers; expected S × F = 2 × 3 = 6.", error.Detail);
    }
}
