namespace Telemetry.Grains.Windows;

/// <summary>The p95 estimate from a merged fixed-range histogram.</summary>
internal static class Percentile
{
    /// <summary>
    /// Finds the bin that holds the nearest-rank p95 (rank r = ⌈0.95 n⌉ of n sorted values) and
    /// interpolates linearly inside it: low + width × (r − values below) / values in the bin.
    /// The result is clamped to the window's exact [min, max]. For values inside the histogram's
    /// range the exact p95 lies in the same bin, so the error is less than one bin width.
    /// </summary>
    public static double P95(ReadOnlySpan<int> bins, HistogramRange range, double min, double max)
    {
        long total = 0;
        foreach (var b in bins)
        {
            total += b;
        }

        if (total == 0)
        {
            return double.NaN;
        }

        // ⌈0.95 n⌉ in integers: 0.95 has no exact double, and a rank off by one moves the answer a bin.
        var rank = ((95 * total) + 99) / 100;
        long below = 0;
        var i = 0;
        while (below + bins[i] < rank)
        {
            below += bins[i];
            i++;
        }

        var estimate = range.Low + (range.BinWidth * (i + ((double)(rank - below) / bins[i])));
        return Math.Clamp(estimate, min, max);
    }
}
