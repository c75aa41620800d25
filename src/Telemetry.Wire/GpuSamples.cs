namespace Telemetry.Wire;

/// <summary>
/// One GPU's block of a decoded <see cref="NodeReport"/>: S samples in canonical column order.
/// Never changed after decoding, so grain calls pass it without copying.
/// </summary>
public sealed record GpuSamples
{
    /// <summary>GPU index on the node, 0–63.</summary>
    public required int Index { get; init; }

    /// <summary>GPU UUID (the GPU grain's key).</summary>
    public required string Uuid { get; init; }

    /// <summary>Model name, e.g. <c>NVIDIA B200</c>.</summary>
    public required string Model { get; init; }

    /// <summary>The job using the GPU, or null when idle.</summary>
    public string? JobId { get; init; }

    /// <summary>Sample timestamps, Unix milliseconds, ascending; length S ≥ 1.</summary>
    public required long[] Timestamps { get; init; }

    /// <summary>
    /// S × <see cref="Fields.FieldCatalog.Count"/> values, row-major, column = field id − 1.
    /// NaN means not measured (or not sent by this exporter).
    /// </summary>
    public required double[] Values { get; init; }

    /// <summary>XID codes the driver raised since the previous report; empty when none.</summary>
    public int[] Xids { get; init; } = [];

    /// <summary>Number of samples (S).</summary>
    public int SampleCount => Timestamps.Length;

    /// <summary>The value of field <paramref name="fieldId"/> in sample <paramref name="sample"/>.</summary>
    public double Value(int sample, int fieldId) => Values[(sample * Fields.FieldCatalog.Count) + fieldId - 1];
}
