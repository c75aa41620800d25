using System.Globalization;
using Telemetry.Jobs;

namespace Telemetry.Grains.Jobs;

/// <summary>One signal of a <see cref="JobWindow"/>: its name, how it is shown, and whether (and from what median up) GPUs are compared on it.</summary>
/// <param name="Name">The name the API and the reasons use, e.g. <c>sm_active</c>.</param>
/// <param name="Read">Reads the signal from a window.</param>
/// <param name="Compared">True for a throughput signal a straggler lags on.</param>
/// <param name="MinMedian">Below this job median the signal carries no work worth comparing (an idle link).</param>
/// <param name="Decimals">Decimals in a reason.</param>
/// <param name="Check">What to check first when a GPU lags on it.</param>
public sealed record StragglerSignal(string Name, Func<JobWindow, double> Read, bool Compared, double MinMedian, int Decimals, string Check)
{
    /// <summary>The value as a reason shows it: bytes per second in GB/s, others with <see cref="Decimals"/> decimals.</summary>
    public string Format(double value) => Name.EndsWith("_bytes_s", StringComparison.Ordinal)
        ? (value / 1e9).ToString("0.0", CultureInfo.InvariantCulture) + " GB/s"
        : value.ToString("F" + Decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
