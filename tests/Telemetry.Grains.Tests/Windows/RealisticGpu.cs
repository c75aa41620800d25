using Telemetry.Fields;

namespace Telemetry.Grains.Tests.Windows;

/// <summary>
/// Sample rows shaped like a busy H100's exporter: float32 values; utilisation, power, temperatures,
/// clocks, memory use and throughput varying; totals, limits, error counters and flags constant.
/// </summary>
internal sealed class RealisticGpu(Random random)
{
    private double _util = 60;
    private double _temp = 55;
    private double _fb = 40_000;

    public void Fill(double[] row)
    {
        _util = Math.Clamp(_util + random.Next(-5, 6), 0, 100);
        _temp = Math.Clamp(_temp + random.Next(-1, 2), 30, 85);
        _fb = Math.Clamp(_fb + random.Next(-64, 65), 1_000, 80_000);
        Set(row, FieldCatalog.GpuUtilPct, _util);
        Set(row, FieldCatalog.MemCopyUtilPct, Math.Round(_util * 0.4));
        Set(row, FieldCatalog.SmActive, _util / 100 * random.NextDouble());
        Set(row, FieldCatalog.TensorActive, _util / 200 * random.NextDouble());
        Set(row, FieldCatalog.FbUsedMib, _fb);
        Set(row, FieldCatalog.FbTotalMib, 81_559);
        Set(row, FieldCatalog.GpuTempC, _temp);
        Set(row, FieldCatalog.MemTempC, _temp + 6);
        Set(row, FieldCatalog.PowerW, 100 + (6 * _util) + (random.NextDouble() * 20));
        Set(row, FieldCatalog.PowerLimitW, 700);
        Set(row, FieldCatalog.SmClockMhz, 1_980 - (15 * random.Next(0, 4)));
        Set(row, FieldCatalog.MemClockMhz, 2_619);
        Set(row, FieldCatalog.ClockEventReasons, 0);
        Set(row, FieldCatalog.PcieTxBytesPerSec, random.NextDouble() * 2e10);
        Set(row, FieldCatalog.PcieRxBytesPerSec, random.NextDouble() * 2e10);
        Set(row, FieldCatalog.NvlinkTxBytesPerSec, random.NextDouble() * 3e11);
        Set(row, FieldCatalog.NvlinkRxBytesPerSec, random.NextDouble() * 3e11);
        for (var id = FieldCatalog.EccSbeDelta; id <= FieldCatalog.PcieReplayDelta; id++)
        {
            Set(row, id, 0);
        }
    }

    // Exporters send float32.
    private static void Set(double[] row, int fieldId, double value) => row[fieldId - 1] = (float)value;
}
