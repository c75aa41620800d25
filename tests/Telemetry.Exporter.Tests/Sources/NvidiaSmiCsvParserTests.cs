using Telemetry.Exporter.Sources.NvidiaSmi;
using Telemetry.Fields;

namespace Telemetry.Exporter.Tests.Sources;

public sealed class NvidiaSmiCsvParserTests
{
    [Fact]
    public void TryParse_FixtureRow_MapsEveryColumn()
    {
        var line = File.ReadAllLines(Fixtures.PathOf("nvidia-smi.csv"))[0];

        Assert.True(NvidiaSmiCsvParser.TryParse(line, out var gpu, out _));

        Assert.Equal(0, gpu.Index);
        Assert.Equal(Fixtures.Gpu0, gpu.Uuid);
        Assert.Equal("NVIDIA H100 80GB HBM3", gpu.Model);
        double[] expected = [97, 41, 76530, 81559, 61, 70, 612.41, 700, 1980, 2619, 4, 2, 0];
        int[] fields =
        [
            FieldCatalog.GpuUtilPct, FieldCatalog.MemCopyUtilPct, FieldCatalog.FbUsedMib, FieldCatalog.FbTotalMib,
            FieldCatalog.GpuTempC, FieldCatalog.MemTempC, FieldCatalog.PowerW, FieldCatalog.PowerLimitW,
            FieldCatalog.SmClockMhz, FieldCatalog.MemClockMhz, FieldCatalog.ClockEventReasons,
            FieldCatalog.EccSbeDelta, FieldCatalog.EccDbeDelta,
        ];
        Assert.Equal(expected, fields.Select(f => gpu.Values[f - 1]));
        Assert.True(double.IsNaN(gpu.Values[FieldCatalog.SmActive - 1]));
    }

    [Fact]
    public void TryParse_NotAvailableAndNotSupported_AreNaN()
    {
        var line = File.ReadAllLines(Fixtures.PathOf("nvidia-smi.csv"))[1];

        Assert.True(NvidiaSmiCsvParser.TryParse(line, out var gpu, out _));

        Assert.True(double.IsNaN(gpu.Values[FieldCatalog.MemTempC - 1]));
        Assert.True(double.IsNaN(gpu.Values[FieldCatalog.EccSbeDelta - 1]));
        Assert.True(double.IsNaN(gpu.Values[FieldCatalog.EccDbeDelta - 1]));
        Assert.Equal(1, gpu.Values[FieldCatalog.ClockEventReasons - 1]);
    }

    [Theory]
    [InlineData("0, GPU-x, H100, 1")]
    [InlineData("[N/A], GPU-x, H100, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0x0, 0, 0")]
    [InlineData("No devices were found")]
    public void TryParse_NotARow_SaysWhy(string line)
    {
        Assert.False(NvidiaSmiCsvParser.TryParse(line, out _, out var error));
        Assert.Contains(line, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Arguments_AskForCsvWithoutHeaderOrUnits_InALoop()
    {
        var arguments = NvidiaSmiQuery.Arguments(100);

        Assert.Equal("--format=csv,noheader,nounits", arguments[1]);
        Assert.Equal(["-lms", "100"], arguments[2..]);
        Assert.StartsWith("--query-gpu=index,uuid,name,utilization.gpu,", arguments[0], StringComparison.Ordinal);
    }
}
