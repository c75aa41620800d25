using Telemetry.Fields;
using Telemetry.Silo.Ingest.LineProtocol;

namespace Telemetry.Silo.Tests.LineProtocol;

public sealed class TelegrafReportMapperTests
{
    private const long NowMs = Fixture.SecondNs / 1_000_000;

    [Fact]
    public void Map_TelegrafFixture_OneReportPerNode_SamplesPerGpu_OtherMeasurementsIgnored()
    {
        var report = Map(Fixture.Telegraf(), bucket: "dc1").Single();

        Assert.Equal("dc1/gpu-node-17", report.NodeId);
        Assert.Equal([Fixture.Gpu0, Fixture.Gpu1], report.Gpus.Select(g => g.Uuid));
        var gpu = report.Gpus[0];
        Assert.Equal("NVIDIA H100 80GB HBM3", gpu.Model);
        Assert.Equal([Fixture.FirstNs / 1_000_000, NowMs], gpu.Timestamps);
        Assert.Equal([97.0, 99], [gpu.Value(0, FieldCatalog.GpuUtilPct), gpu.Value(1, FieldCatalog.GpuUtilPct)]);
        Assert.Equal(41, gpu.Value(0, FieldCatalog.MemCopyUtilPct));
        Assert.Equal(76530, gpu.Value(0, FieldCatalog.FbUsedMib));
        Assert.Equal(81559, gpu.Value(0, FieldCatalog.FbTotalMib));
        Assert.Equal(61, gpu.Value(0, FieldCatalog.GpuTempC));
        Assert.Equal(612.41, gpu.Value(0, FieldCatalog.PowerW));
        Assert.Equal(1980, gpu.Value(0, FieldCatalog.SmClockMhz));
        Assert.Equal(2619, gpu.Value(0, FieldCatalog.MemClockMhz));
        Assert.Equal(0, gpu.Value(0, FieldCatalog.RowRemapFailure));
        Assert.True(double.IsNaN(gpu.Value(1, FieldCatalog.RowRemapPending)), "a field missing from a line is NaN");
        Assert.True(double.IsNaN(gpu.Value(0, FieldCatalog.ClockEventReasons)));
        Assert.Equal(1, report.Gpus[1].Value(0, FieldCatalog.RowRemapPending));
        Assert.Empty(gpu.Xids);
    }

    [Fact]
    public void Map_DataCenterTag_WinsOverBucket_AndNamesAreLowercased()
    {
        var report = Map("nvidia_smi,datacenter=DC-North,host=GPU-Node-3,index=0,uuid=GPU-1 utilization_gpu=5i 1000000000", bucket: "telemetry").Single();

        Assert.Equal("dc-north/gpu-node-3", report.NodeId);
    }

    [Fact]
    public void Map_SameBatchTwice_GivesTheSameSeqAndBootId_ALaterBatchAHigherSeq()
    {
        var first = Map(Fixture.Telegraf(), "dc1").Single();
        var again = Map(Fixture.Telegraf(), "dc1").Single();
        var later = Map(Fixture.Telegraf().Replace($" {Fixture.SecondNs}", $" {Fixture.SecondNs + 1_000_000}", StringComparison.Ordinal), "dc1").Single();

        Assert.Equal((first.Seq, first.BootId), (again.Seq, again.BootId));
        Assert.Equal(((ulong)NowMs * 64) + 1, first.Seq);
        Assert.True(later.Seq > first.Seq);
        Assert.Equal(first.BootId, later.BootId);
        Assert.True(Guid.TryParse(first.BootId, out _));
    }

    [Fact]
    public void Map_ABatchSplitWithinOneInterval_GivesIncreasingSeqs()
    {
        const string line = "nvidia_smi,host=h,index={0},uuid=GPU-{0} utilization_gpu=5i 1000000000";

        var firstHalf = Map(string.Format(System.Globalization.CultureInfo.InvariantCulture, line, 3), "dc1").Single();
        var secondHalf = Map(string.Format(System.Globalization.CultureInfo.InvariantCulture, line, 7), "dc1").Single();

        Assert.True(secondHalf.Seq > firstHalf.Seq);
    }

    [Theory]
    [InlineData("nvidia_smi,index=0,uuid=GPU-1 utilization_gpu=5i", "dc1", "line 1: the host tag is missing; Telegraf's nvidia_smi input sets it.")]
    [InlineData("nvidia_smi,host=h,index=0 utilization_gpu=5i", "dc1", "line 1: the uuid tag is missing; Telegraf's nvidia_smi input sets it.")]
    [InlineData("nvidia_smi,host=h,index=64,uuid=GPU-1 utilization_gpu=5i", "dc1", "line 1: the index tag must be a GPU index 0–63.")]
    [InlineData("nvidia_smi,host=-h1,index=0,uuid=GPU-1 utilization_gpu=5i", "dc1", "line 1: the host tag '-h1' is not a valid host name ([a-z0-9][a-z0-9._-]{0,62}); set Telegraf's agent hostname.")]
    [InlineData("nvidia_smi,host=h,index=0,uuid=GPU-1 utilization_gpu=5i", null, "line 1: no usable data center: add a datacenter tag (Telegraf's [global_tags]) or name the data center in the bucket parameter ([a-z0-9][a-z0-9._-]{0,62}); got ''.")]
    public void Map_UnmappableLine_FailsNamingTheLineAndTheFix(string line, string? bucket, string expected)
    {
        var e = Assert.Throws<LineProtocolException>(() => Map(line, bucket));

        Assert.Equal(expected, e.Message);
    }

    [Fact]
    public void Map_TimestampFarInTheFuture_IsRefused()
    {
        var future = (NowMs + 600_000) * 1_000_000;

        var e = Assert.Throws<LineProtocolException>(() => Map($"nvidia_smi,host=h,index=0,uuid=GPU-1 utilization_gpu=5i {future}", "dc1"));

        Assert.StartsWith("line 1: the timestamp is more than 00:05:00 in the future", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_TimestampBefore1970_IsRefused()
    {
        var e = Assert.Throws<LineProtocolException>(() => Map("nvidia_smi,host=h,index=0,uuid=GPU-1 utilization_gpu=5i -5000000000", "dc1"));

        Assert.Equal("line 1: the timestamp is before 1970; check the precision parameter.", e.Message);
    }

    [Fact]
    public void Map_NoNvidiaSmiLines_GivesNoReports()
    {
        Assert.Empty(Map("cpu,host=h usage_idle=99 1000000000\nmem,host=h used=1i", "dc1"));
    }

    private static List<Telemetry.Wire.NodeReport> Map(string body, string? bucket) =>
        TelegrafReportMapper.Map(LineProtocolParser.Parse(body), bucket, TimestampPrecision.ToMilliseconds("ns")!, NowMs, TimeSpan.FromMinutes(5));
}
