using Telemetry.Fields;
using Telemetry.Grains.Windows;
using Telemetry.Wire;

namespace Telemetry.Grains.Jobs;

/// <summary>
/// The clock_event_reasons bits a GPU's samples set in each of its newest 10-second buckets, OR-ed together: a
/// bit mask has no mean, and a job window must say whether the GPU was slowed at all. Four buckets are kept,
/// enough for the bucket a report closes and the one it opens.
/// </summary>
public sealed class ClockReasonBits
{
    private const int Slots = 4;

    private readonly long[] _buckets = [long.MinValue, long.MinValue, long.MinValue, long.MinValue];
    private readonly long[] _bits = new long[Slots];

    /// <summary>Adds the bits of every sample of a report that measured them.</summary>
    public void Add(GpuSamples samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        for (var row = 0; row < samples.SampleCount; row++)
        {
            var value = samples.Value(row, FieldCatalog.ClockEventReasons);
            if (double.IsNaN(value))
            {
                continue;
            }

            var bucket = BucketMath.BucketOf(samples.Timestamps[row], StragglerDetector.WindowMs);
            var slot = BucketMath.SlotOf(bucket, Slots);
            if (_buckets[slot] != bucket)
            {
                _buckets[slot] = bucket;
                _bits[slot] = 0;
            }

            _bits[slot] |= (long)value;
        }
    }

    /// <summary>The bits set in <paramref name="bucket"/>; 0 when none, or when the bucket is no longer kept.</summary>
    public long Of(long bucket)
    {
        var slot = BucketMath.SlotOf(bucket, Slots);
        return _buckets[slot] == bucket ? _bits[slot] : 0;
    }
}
