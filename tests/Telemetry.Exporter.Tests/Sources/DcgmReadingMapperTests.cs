using Telemetry.Exporter.Sources;
using Telemetry.Exporter.Sources.Dcgm;
using Telemetry.Fields;

namespace Telemetry.Exporter.Tests.Sources;

public sealed class DcgmReadingMapperTests
{
    [Fact]
    public void Map_FixturePage_GivesOneReadingPerPhysicalGpuWithMappedFields()
    {
        var readings = new DcgmReadingMapper().Map(PrometheusTextParser.Parse(Fixtures.Read("dcgm-exporter.txt")));

        Assert.Equal([0, 1], readings.Select(r => r.Index));
        var gpu = readings[0];
        Assert.Equal(Fixtures.Gpu0, gpu.Uuid);
        Assert.Equal("NVIDIA H100 80GB HBM3", gpu.Model);
        Assert.Equal(97, Value(gpu, FieldCatalog.GpuUtilPct));
        Assert.Equal(41, Value(gpu, FieldCatalog.MemCopyUtilPct));
        Assert.Equal(1980, Value(gpu, FieldCatalog.SmClockMhz));
        Assert.Equal(2619, Value(gpu, FieldCatalog.MemClockMhz));
        Assert.Equal(61, Value(gpu, FieldCatalog.GpuTempC));
        Assert.Equal(70, Value(gpu, FieldCatalog.MemTempC));
        Assert.Equal(612.418, Value(gpu, FieldCatalog.PowerW));
        Assert.Equal(76530, Value(gpu, FieldCatalog.FbUsedMib));
        Assert.Equal(76530 + 4021 + 529, Value(gpu, FieldCatalog.FbTotalMib));
        Assert.Equal(2.31e9, Value(gpu, FieldCatalog.PcieTxBytesPerSec));
        Assert.Equal(12, Value(gpu, FieldCatalog.PcieReplayDelta));
        Assert.Equal(0, Value(gpu, FieldCatalog.RowRemapFailure));
        Assert.Equal(0, Value(gpu, FieldCatalog.EccDbeDelta));
    }

    [Fact]
    public void Map_MigAndPerLinkSeries_AreSkipped()
    {
        var gpu = new DcgmReadingMapper().Map(PrometheusTextParser.Parse(Fixtures.Read("dcgm-exporter.txt")))[0];

        // The whole-GPU series, not the MIG instance's 0.01 nor link 5's 999.
        Assert.Equal(0.612, Value(gpu, FieldCatalog.TensorActive));
        Assert.Equal(3, Value(gpu, FieldCatalog.NvlinkCrcErrorsDelta));
        Assert.Equal("team-a/llm-0", gpu.JobId);
    }

    [Fact]
    public void Map_MissingFields_AreNaN()
    {
        var gpu = new DcgmReadingMapper().Map(PrometheusTextParser.Parse(Fixtures.Read("dcgm-exporter.txt")))[1];

        Assert.True(double.IsNaN(Value(gpu, FieldCatalog.MemTempC)));
        Assert.True(double.IsNaN(Value(gpu, FieldCatalog.SmActive)));
        Assert.True(double.IsNaN(Value(gpu, FieldCatalog.PowerLimitW)));
        Assert.Equal(81000 + 550, Value(gpu, FieldCatalog.FbTotalMib));
    }

    [Fact]
    public void Map_SlurmJobLabel_WinsOverPod_AndLowercaseHostnameIsAccepted()
    {
        var gpu = new DcgmReadingMapper().Map(PrometheusTextParser.Parse(Fixtures.Read("dcgm-exporter.txt")))[1];

        Assert.Equal("4242", gpu.JobId);
        Assert.Equal(Fixtures.Gpu1, gpu.Uuid);
    }

    [Fact]
    public void Map_OldKubernetesLabelNames_GiveTheJob()
    {
        var page = $"DCGM_FI_DEV_GPU_UTIL{{pod_namespace=\"ns\",pod_name=\"p-1\",gpu=\"3\",UUID=\"GPU-x\"}} 5\n";

        var gpu = new DcgmReadingMapper().Map(PrometheusTextParser.Parse(page)).Single();

        Assert.Equal("ns/p-1", gpu.JobId);
        Assert.Equal(3, gpu.Index);
    }

    [Fact]
    public void Map_XidGauge_EachChangeToNonZeroIsOneEvent_FirstPageIsTheBaseline()
    {
        var mapper = new DcgmReadingMapper();

        var xidsPerPage = new[] { 13.0, 13, 79, 79, 0, 79, 48 }
            .Select(xid => mapper.Map(PrometheusTextParser.Parse($"DCGM_FI_DEV_XID_ERRORS{{gpu=\"0\",UUID=\"{Fixtures.Gpu0}\"}} {xid}\n")).Single().Xids)
            .ToArray();

        Assert.Equal([[], [], [79], [], [], [79], [48]], xidsPerPage.Select(x => x.ToArray()));
    }

    [Fact]
    public void Map_SeriesWithoutUuidOrGpu_AreSkipped()
    {
        var page = "DCGM_FI_DEV_GPU_UTIL{gpu=\"0\"} 5\nDCGM_FI_DEV_GPU_UTIL{UUID=\"GPU-y\"} 5\nup 1\n";

        Assert.Empty(new DcgmReadingMapper().Map(PrometheusTextParser.Parse(page)));
    }

    private static double Value(GpuReading reading, int field) => reading.Values[field - 1];
}
