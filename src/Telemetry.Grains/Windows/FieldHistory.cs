using Telemetry.Fields;

namespace Telemetry.Grains.Windows;

/// <summary>
/// One field's history of retired 10-second buckets: mean and max as 16-bit floats (<see cref="Half"/>)
/// of value × a per-field power-of-two scale, 4 bytes a bucket, slot = bucket mod <see cref="HistoryTags.Slots"/>.
/// The scale starts at <see cref="ScaleFor"/> and is halved, and the stored values rescaled, whenever a
/// value would overflow a Half (|value × scale| ≥ 65,520). Error: at most 2^-11 of the value, or
/// 2^-24 / scale for values whose scaled magnitude is below 2^-14 (Half subnormals).
/// Which bucket a slot holds is kept once per GPU, in <see cref="HistoryTags"/>.
/// </summary>
internal sealed class FieldHistory
{
    // Interleaved: [2 × slot] = mean, [2 × slot + 1] = max; NaN marks a bucket this field was not measured in.
    private readonly Half[] _values = new Half[2 * HistoryTags.Slots];
    private double _scale;

    public FieldHistory(int fieldId)
    {
        _scale = ScaleFor(fieldId);
        Array.Fill(_values, Half.NaN);
    }

    /// <summary>
    /// The power of two a field's values start being multiplied by before they are stored as Half, so that
    /// its realistic maximum stays well under 65,504: MiB as GiB (2^-10), B/s as GiB/s (2^-30), others × 1.
    /// </summary>
    public static double ScaleFor(int fieldId) => fieldId switch
    {
        FieldCatalog.FbUsedMib or FieldCatalog.FbTotalMib => 1.0 / (1 << 10),
        FieldCatalog.PcieTxBytesPerSec or FieldCatalog.PcieRxBytesPerSec
            or FieldCatalog.NvlinkTxBytesPerSec or FieldCatalog.NvlinkRxBytesPerSec => 1.0 / (1 << 30),
        _ => 1.0,
    };

    public void Set(int slot, double mean, double max)
    {
        var scale = _scale;
        while (Half.IsInfinity((Half)(mean * scale)) || Half.IsInfinity((Half)(max * scale)))
        {
            scale /= 2;
        }

        if (scale != _scale)
        {
            // A power of two: exact for every stored value that stays a normal Half.
            var factor = scale / _scale;
            for (var i = 0; i < _values.Length; i++)
            {
                _values[i] = (Half)((double)_values[i] * factor);
            }

            _scale = scale;
        }

        _values[2 * slot] = (Half)(mean * scale);
        _values[(2 * slot) + 1] = (Half)(max * scale);
    }

    /// <summary>The slot's mean; NaN when the field was not measured in its bucket.</summary>
    public double Mean(int slot) => (double)_values[2 * slot] / _scale;

    public double Max(int slot) => (double)_values[(2 * slot) + 1] / _scale;
}
