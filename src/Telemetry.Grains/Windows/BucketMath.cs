namespace Telemetry.Grains.Windows;

/// <summary>Integer arithmetic for time buckets that stays correct for negative timestamps.</summary>
internal static class BucketMath
{
    /// <summary>The bucket number of <paramref name="timestampMs"/>: floor(timestamp / width).</summary>
    public static long BucketOf(long timestampMs, long widthMs)
    {
        var q = timestampMs / widthMs;
        return (timestampMs % widthMs) < 0 ? q - 1 : q;
    }

    /// <summary>The ring slot of <paramref name="bucket"/>: bucket mod size, always in [0, size).</summary>
    public static int SlotOf(long bucket, int size)
    {
        var r = (int)(bucket % size);
        return r < 0 ? r + size : r;
    }
}
