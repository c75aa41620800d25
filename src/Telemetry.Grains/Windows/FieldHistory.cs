using Telemetry.Fields;

namespace Telemetry.Grains.Windows;

/// <summary>
/// One field's history of retired 10-second buckets: mean and max as 16-bit floats (<see cref="Half"/>)
/// of value × a per-field power-of-two <see cref="ScaleFor">scale</see>, 4 bytes a bucket, slot =
/// bucket mod <see cref="HistoryTags.Slots"/>. A value that would overflow a Half (|value × scale| above
/// 65,504) switches the field to float for good. Which bucket a slot holds is kept once per GPU, in <see cref="HistoryTags"/>.
/// </summary>
internal sealed class FieldHistory
{
    private readonly double _scale;

    // Interleaved: [2 × slot] = mean, [2 × slot + 1] = max; NaN marks a bucket this field was not measured in.
    private Half[]? _half;
    private float[]? _wide;

    public FieldHistory(int fieldId)
    {
        _scale = ScaleFor(fieldId);
        _half = new Half[2 * HistoryTags.Slots];
        Array.Fill(_half, Half.NaN);
    }

    /// <summary>
    /// The power of two a field's values are multiplied by before they are stored as Half, so that its
    /// realistic maximum stays well under 65,504: MiB as GiB (2^-10), B/s as GiB/s (2^-30), others × 1.
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
        if (_half is { } half)
        {
            var m = (Half)(mean * _scale);
            var x = (Half)(max * _scale);
            if (!Half.IsInfinity(m) && !Half.IsInfinity(x))
            {
                half[2 * slot] = m;
                half[(2 * slot) + 1] = x;
                return;
            }

            _wide = new float[half.Length];
            for (var i = 0; i < half.Length; i++)
            {
                _wide[i] = (float)((double)half[i] / _scale);
            }

            _half = null;
        }

        _wide![2 * slot] = (float)mean;
        _wide[(2 * slot) + 1] = (float)max;
    }

    /// <summary>The slot's mean; NaN when the field was not measured in its bucket.</summary>
    public double Mean(int slot) => Read(2 * slot);

    public double Max(int slot) => Read((2 * slot) + 1);

    private double Read(int i) => _half is not null ? (double)_half[i] / _scale : _wide![i];
}
