namespace Telemetry.Grains.Windows;

/// <summary>
/// One field's hour of 10-second buckets: mean and max as float (4 + 4 bytes a bucket), slot =
/// bucket mod <see cref="Slots"/>. Which bucket a slot holds is kept once per GPU, in <see cref="GpuWindows"/>.
/// </summary>
internal sealed class FieldHistory
{
    /// <summary>360 buckets of 10 s: an hour.</summary>
    public const int Slots = 360;

    private readonly float[] _mean = new float[Slots];
    private readonly float[] _max = new float[Slots];

    public FieldHistory()
    {
        // NaN marks a bucket this field was not measured in.
        Array.Fill(_mean, float.NaN);
        Array.Fill(_max, float.NaN);
    }

    public void Set(int slot, double mean, double max)
    {
        _mean[slot] = (float)mean;
        _max[slot] = (float)max;
    }

    public float Mean(int slot) => _mean[slot];

    public float Max(int slot) => _max[slot];
}
