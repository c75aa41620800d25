using Telemetry.Fields;

namespace Telemetry.Grains.Windows;

/// <summary>
/// Which of a GPU's 10-second buckets have been handed to the sink. A bucket is closed, and rolled up once,
/// when a sample of a later bucket arrives (or the GPU goes quiet and <see cref="Flush"/> is called); samples
/// that arrive for a bucket after it closed stay in the windows but are not sent again.
/// </summary>
public sealed class RollupCursor
{
    // The 10-second ring holds 31 buckets: older ones cannot be read back any more.
    private const int MaxBucketsBack = 30;

    // The first bucket not yet closed; long.MinValue before the first sample.
    private long _next = long.MinValue;

    /// <summary>
    /// Rolls up every bucket before the newest one that is not yet closed, oldest first, through
    /// <paramref name="emit"/> (bucket, means, maxes, rows). Allocates nothing: the figures are on the stack.
    /// </summary>
    public void Advance(GpuWindows windows, RollupEmitter emit)
    {
        ArgumentNullException.ThrowIfNull(windows);
        var newest = windows.NewestTenSecondBucket;
        if (newest == long.MinValue)
        {
            return;
        }

        if (_next == long.MinValue)
        {
            _next = newest;
            return;
        }

        if (newest > _next)
        {
            Close(windows, Math.Max(_next, newest - MaxBucketsBack), newest - 1, emit);
            _next = newest;
        }
    }

    /// <summary>Closes the newest bucket too: the GPU has gone quiet, or its grain is leaving.</summary>
    public void Flush(GpuWindows windows, RollupEmitter emit)
    {
        ArgumentNullException.ThrowIfNull(windows);
        var newest = windows.NewestTenSecondBucket;
        if (_next == long.MinValue || _next > newest)
        {
            return;
        }

        Close(windows, Math.Max(_next, newest - MaxBucketsBack), newest, emit);
        _next = newest + 1;
    }

    private static void Close(GpuWindows windows, long first, long last, RollupEmitter emit)
    {
        // One bucket at a time on the stack: a GPU closes one a report or so, and the receivers either copy the few
        // figures they need (a job's window) or the whole arrays (the sink), so nothing here is worth a heap array.
        Span<double> means = stackalloc double[FieldCatalog.Count];
        Span<double> maxes = stackalloc double[FieldCatalog.Count];
        for (var bucket = first; bucket <= last; bucket++)
        {
            if (windows.TryRollup(bucket, means, maxes, out var rows))
            {
                emit(bucket, means, maxes, rows);
            }
        }
    }
}
