using Telemetry.Fields;
using Telemetry.Wire;

namespace Telemetry.Benchmarks.Micro;

/// <summary>
/// Builds one H100's block of samples with the magnitudes a busy training node reports: every one of the
/// 23 fields measured, values exact in float32 (as the exporter sends them), 100 ms apart (10 Hz).
/// </summary>
internal static class SyntheticGpu
{
    public const string Model = "NVIDIA H100 80GB HBM3";
    public const long StepMs = 100;

    private const long PowerCapAndThermal = (long)(ClockEventReasons.SwPowerCap | ClockEventReasons.SwThermalSlowdown);

    /// <summary>
    /// <paramref name="samples"/> rows from <paramref name="startMs"/>; <paramref name="throttled"/> sets power and
    /// thermal clock events on every row, <paramref name="xids"/> are the block's XID codes.
    /// </summary>
    public static GpuSamples Block(int node, int index, long startMs, int samples, bool throttled = false, int[]? xids = null)
    {
        var timestamps = new long[samples];
        var values = new double[samples * FieldCatalog.Count];
        for (var row = 0; row < samples; row++)
        {
            timestamps[row] = startMs + (row * StepMs);
            Fill(values.AsSpan(row * FieldCatalog.Count, FieldCatalog.Count), index, row, throttled);
        }

        return new GpuSamples
        {
            Index = index,
            Uuid = Uuid(node, index),
            Model = Model,
            JobId = "slurm-4812377",
            Timestamps = timestamps,
            Values = values,
            Xids = xids ?? [],
        };
    }

    /// <summary>Moves a block's timestamps forward in place, so one block can be applied again as the next one.</summary>
    public static void Advance(GpuSamples block, long byMs)
    {
        var timestamps = block.Timestamps;
        for (var i = 0; i < timestamps.Length; i++)
        {
            timestamps[i] += byMs;
        }
    }

    /// <summary>A UUID shaped like the driver's, stable for (node, index).</summary>
    public static string Uuid(int node, int index) =>
        $"GPU-{node:x8}-{index:x4}-4{node % 0x1000:x3}-a{index:x3}-{(node * 31L) + index:x12}";

    private static void Fill(Span<double> row, int index, int sample, bool throttled)
    {
        // Smooth, deterministic variation around each field's typical value.
        var wave = Math.Sin((sample * 0.7) + index);
        Set(row, FieldCatalog.GpuUtilPct, 93 + (6 * wave));
        Set(row, FieldCatalog.MemCopyUtilPct, 41 + (12 * wave));
        Set(row, FieldCatalog.SmActive, 0.82 + (0.1 * wave));
        Set(row, FieldCatalog.TensorActive, 0.51 + (0.08 * wave));
        Set(row, FieldCatalog.FbUsedMib, 71_234 + (512 * wave));
        Set(row, FieldCatalog.FbTotalMib, 81_559);
        Set(row, FieldCatalog.GpuTempC, (throttled ? 84 : 67) + (3 * wave));
        Set(row, FieldCatalog.MemTempC, (throttled ? 88 : 72) + (3 * wave));
        Set(row, FieldCatalog.PowerW, 612 + (55 * wave));
        Set(row, FieldCatalog.PowerLimitW, 700);
        Set(row, FieldCatalog.SmClockMhz, throttled ? 1_635 : 1_980);
        Set(row, FieldCatalog.MemClockMhz, 2_619);
        Set(row, FieldCatalog.ClockEventReasons, throttled ? PowerCapAndThermal : 0);
        Set(row, FieldCatalog.PcieTxBytesPerSec, 2.1e9 + (4e8 * wave));
        Set(row, FieldCatalog.PcieRxBytesPerSec, 5.3e9 + (9e8 * wave));
        Set(row, FieldCatalog.NvlinkTxBytesPerSec, 1.52e11 + (2e10 * wave));
        Set(row, FieldCatalog.NvlinkRxBytesPerSec, 1.49e11 + (2e10 * wave));
        Set(row, FieldCatalog.EccSbeDelta, 0);
        Set(row, FieldCatalog.EccDbeDelta, 0);
        Set(row, FieldCatalog.RowRemapPending, 0);
        Set(row, FieldCatalog.RowRemapFailure, 0);
        Set(row, FieldCatalog.NvlinkCrcErrorsDelta, throttled ? 3 : 0);
        Set(row, FieldCatalog.PcieReplayDelta, 0);
    }

    private static void Set(Span<double> row, int fieldId, double value) => row[fieldId - 1] = (float)value;
}
