using Telemetry.Fields;
using Telemetry.Wire;

namespace Telemetry.Grains.Tests;

/// <summary>Builds <see cref="GpuSamples"/> for tests: every field NaN unless set.</summary>
internal static class SampleBlock
{
    public const string H100 = "NVIDIA H100 80GB HBM3";

    /// <summary>One sample row per timestamp; <paramref name="fill"/> sets (row, row values indexed by column).</summary>
    public static GpuSamples Of(long[] timestamps, Action<int, double[]> fill, int[]? xids = null, string model = H100)
    {
        var values = new double[timestamps.Length * FieldCatalog.Count];
        Array.Fill(values, double.NaN);
        var row = new double[FieldCatalog.Count];
        for (var i = 0; i < timestamps.Length; i++)
        {
            Array.Fill(row, double.NaN);
            fill(i, row);
            Array.Copy(row, 0, values, i * FieldCatalog.Count, FieldCatalog.Count);
        }

        return new GpuSamples
        {
            Index = 0,
            Uuid = "GPU-test",
            Model = model,
            Timestamps = timestamps,
            Values = values,
            Xids = xids ?? [],
        };
    }

    /// <summary>One row at <paramref name="timestampMs"/> with the given field values.</summary>
    public static GpuSamples One(long timestampMs, params (int FieldId, double Value)[] values) =>
        One(timestampMs, [], values);

    /// <summary>One row with XIDs.</summary>
    public static GpuSamples One(long timestampMs, int[] xids, params (int FieldId, double Value)[] values) =>
        Of([timestampMs], (_, row) =>
        {
            foreach (var (id, value) in values)
            {
                row[id - 1] = value;
            }
        }, xids);

    /// <summary>Rows every <paramref name="stepMs"/> from <paramref name="startMs"/>, a field set by row index.</summary>
    public static GpuSamples Series(long startMs, long stepMs, int count, int fieldId, Func<int, double> value, string model = H100)
    {
        var timestamps = new long[count];
        for (var i = 0; i < count; i++)
        {
            timestamps[i] = startMs + (i * stepMs);
        }

        return Of(timestamps, (i, row) => row[fieldId - 1] = value(i), model: model);
    }
}
