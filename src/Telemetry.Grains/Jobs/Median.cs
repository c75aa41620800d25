namespace Telemetry.Grains.Jobs;

/// <summary>Median and median absolute deviation of a small set, sorting the span it is given in place.</summary>
public static class Median
{
    /// <summary>Scales a MAD to a standard deviation for normally distributed values.</summary>
    public const double MadToSigma = 1.4826;

    /// <summary>The median of <paramref name="values"/> (sorted in place); NaN when empty.</summary>
    public static double Of(Span<double> values)
    {
        if (values.IsEmpty)
        {
            return double.NaN;
        }

        values.Sort();
        var mid = values.Length / 2;
        return values.Length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    /// <summary>The median absolute deviation of <paramref name="values"/> from <paramref name="median"/>; overwrites the span.</summary>
    public static double AbsoluteDeviation(Span<double> values, double median)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Math.Abs(values[i] - median);
        }

        return Of(values);
    }
}
