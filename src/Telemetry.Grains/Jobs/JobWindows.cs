using Telemetry.Fields;
using Telemetry.Jobs;

namespace Telemetry.Grains.Jobs;

/// <summary>Builds a GPU's <see cref="JobWindow"/> from the means of one of its closed 10-second buckets.</summary>
public static class JobWindows
{
    /// <summary>The window of <paramref name="bucket"/> (10-second bucket number); <paramref name="means"/> by field column.</summary>
    public static JobWindow From(string uuid, string node, long bucket, ReadOnlySpan<double> means, long clockEventReasons)
    {
        return new JobWindow
        {
            Uuid = uuid,
            Node = node,
            BucketStartMs = bucket * StragglerDetector.WindowMs,
            SmActive = Mean(means, FieldCatalog.SmActive),
            GpuUtilPct = Mean(means, FieldCatalog.GpuUtilPct),
            PowerW = Mean(means, FieldCatalog.PowerW),
            SmClockMhz = Mean(means, FieldCatalog.SmClockMhz),
            NvlinkBytesPerSec = Sum(Mean(means, FieldCatalog.NvlinkTxBytesPerSec), Mean(means, FieldCatalog.NvlinkRxBytesPerSec)),
            PcieBytesPerSec = Sum(Mean(means, FieldCatalog.PcieTxBytesPerSec), Mean(means, FieldCatalog.PcieRxBytesPerSec)),
            GpuTempC = Mean(means, FieldCatalog.GpuTempC),
            MemTempC = Mean(means, FieldCatalog.MemTempC),
            ClockEventReasons = clockEventReasons,
        };
    }

    private static double Mean(ReadOnlySpan<double> means, int fieldId) => means[fieldId - 1];

    // Transmit plus receive; one direction alone when only it is measured.
    private static double Sum(double tx, double rx) =>
        double.IsNaN(tx) ? rx : double.IsNaN(rx) ? tx : tx + rx;
}
