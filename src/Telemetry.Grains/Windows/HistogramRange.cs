using Telemetry.Fields;

namespace Telemetry.Grains.Windows;

/// <summary>
/// The fixed value range of a field's p95 histogram: <see cref="Bins"/> equal bins over [Low, High);
/// values outside are counted in the edge bins.
/// </summary>
internal sealed record HistogramRange(double Low, double High)
{
    /// <summary>Bins per histogram.</summary>
    public const int Bins = 64;

    /// <summary>Width of one bin, in the field's unit.</summary>
    public double BinWidth => (High - Low) / Bins;

    /// <summary>The bin a value falls in, clamped to the edge bins.</summary>
    public int BinOf(double value)
    {
        var x = (value - Low) * (Bins / (High - Low));
        return x < 1 ? 0 : x >= Bins - 1 ? Bins - 1 : (int)x;
    }

    // One instance per field, shared by every GPU's histograms.
    private static readonly HistogramRange Utilization = new(0, 100);
    private static readonly HistogramRange Temperature = new(0, 128);
    private static readonly HistogramRange Power = new(0, 1600);

    /// <summary>The range for a field id, or null when the field has no p95.</summary>
    public static HistogramRange? For(int fieldId) => fieldId switch
    {
        // 1.5625 % a bin.
        FieldCatalog.GpuUtilPct => Utilization,
        // 2 °C a bin.
        FieldCatalog.GpuTempC => Temperature,
        // 25 W a bin; a B200 board draws up to about 1,000 W.
        FieldCatalog.PowerW => Power,
        _ => null,
    };
}
