using Telemetry.Fields;

namespace Telemetry.Exporter.Simulation;

/// <summary>What each <see cref="StragglerKind"/> does to a busy GPU's sample row, on top of the signal model.</summary>
internal static class StragglerFaults
{
    /// <summary>Jobs smaller than this get no straggler: the server does not compare them.</summary>
    public const int MinJobGpus = 4;

    public static void Apply(StragglerKind kind, GpuModelSpec model, ref FastRandom random, Span<double> row)
    {
        switch (kind)
        {
            case StragglerKind.ThermalThrottle:
                // 1,100 MHz and under half the power of its peers, as the issue saw on a real node.
                Scale(row, FieldCatalog.SmClockMhz, 0.56);
                Scale(row, FieldCatalog.PowerW, 0.47);
                row[FieldCatalog.GpuTempC - 1] = Math.Max(row[FieldCatalog.GpuTempC - 1], model.SlowdownTempC + 2);
                row[FieldCatalog.ClockEventReasons - 1] = (double)((ClockEventReasons)(long)row[FieldCatalog.ClockEventReasons - 1]
                    | ClockEventReasons.HwSlowdown | ClockEventReasons.HwThermalSlowdown);
                return;
            case StragglerKind.PcieTrainedDown:
                Scale(row, FieldCatalog.PcieTxBytesPerSec, 0.25);
                Scale(row, FieldCatalog.PcieRxBytesPerSec, 0.25);
                return;
            case StragglerKind.DegradedNvlink:
                Scale(row, FieldCatalog.NvlinkTxBytesPerSec, 0.4);
                Scale(row, FieldCatalog.NvlinkRxBytesPerSec, 0.4);
                row[FieldCatalog.NvlinkCrcErrorsDelta - 1] += 20 + random.Next(100);
                return;
            case StragglerKind.SilentLowClock:
            default:
                Scale(row, FieldCatalog.SmClockMhz, 0.6);
                Scale(row, FieldCatalog.PowerW, 0.62);
                return;
        }
    }

    private static void Scale(Span<double> row, int fieldId, double factor) => row[fieldId - 1] *= factor;
}
