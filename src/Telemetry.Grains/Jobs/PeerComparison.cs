using Telemetry.Jobs;

namespace Telemetry.Grains.Jobs;

/// <summary>
/// Compares the GPUs of one job in one 10-second window with the job's median, signal by signal. A GPU lags on a
/// throughput signal when it is below the median by more than both <see cref="StragglerOptions.SpreadMultiplier"/>
/// robust standard deviations (1.4826 × MAD) and <see cref="StragglerOptions.MinRelativeGap"/> of the median. The
/// median moves with the job, so GPUs that slow down together (a data loader, a barrier) lag on nothing.
/// </summary>
public static class PeerComparison
{
    /// <summary>Compares <paramref name="windows"/>, one per GPU, all of the same bucket.</summary>
    public static WindowComparison Compare(IReadOnlyList<JobWindow> windows, StragglerOptions options)
    {
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentNullException.ThrowIfNull(options);
        var signals = StragglerSignals.All;
        var medians = new double[signals.Count];
        // Scratch on the stack for jobs of ordinary size: a comparison runs per job every 10 s of sample time.
        Span<double> thresholds = stackalloc double[signals.Count];
        var scratch = windows.Count <= MaxStackGpus ? stackalloc double[MaxStackGpus] : new double[windows.Count];
        for (var s = 0; s < signals.Count; s++)
        {
            (medians[s], thresholds[s]) = Spread(windows, signals[s], options, scratch);
        }

        if (windows.Count < options.MinGpus || !PeersBusy(medians, options))
        {
            return new WindowComparison(false, medians, []);
        }

        var judgements = new GpuJudgement[windows.Count];
        for (var g = 0; g < windows.Count; g++)
        {
            judgements[g] = Judge(windows[g], medians, thresholds);
        }

        return new WindowComparison(true, medians, judgements);
    }

    private const int MaxStackGpus = 256;

    private static GpuJudgement Judge(JobWindow window, double[] medians, ReadOnlySpan<double> thresholds)
    {
        var signals = StragglerSignals.All;
        List<SignalLag>? lags = null;
        var keepsUp = true;
        for (var s = 0; s < signals.Count; s++)
        {
            var value = signals[s].Read(window);
            if (double.IsNaN(thresholds[s]) || double.IsNaN(value))
            {
                continue;
            }

            var below = medians[s] - value;
            if (below > thresholds[s])
            {
                (lags ??= []).Add(new SignalLag(signals[s], value, medians[s]));
            }

            // Hysteresis: a straggler clears only once it is well inside the band, not just over its edge.
            keepsUp &= below <= thresholds[s] / 2;
        }

        return lags is null
            ? new GpuJudgement(window.Uuid, [], keepsUp)
            : new GpuJudgement(window.Uuid, [.. lags.OrderByDescending(l => l.Shortfall)], false);
    }

    /// <summary>The signal's median and, when the job is compared on it, the lag threshold (NaN when it is not).</summary>
    private static (double Median, double Threshold) Spread(IReadOnlyList<JobWindow> windows, StragglerSignal signal, StragglerOptions options, Span<double> scratch)
    {
        // Indexed, not foreach: over the interface a foreach allocates an enumerator per signal and window judged.
        var n = 0;
        for (var g = 0; g < windows.Count; g++)
        {
            var value = signal.Read(windows[g]);
            if (!double.IsNaN(value))
            {
                scratch[n++] = value;
            }
        }

        var values = scratch[..n];
        var median = Median.Of(values);
        if (!signal.Compared || n < options.MinGpus || !(median >= signal.MinMedian))
        {
            return (median, double.NaN);
        }

        var sigma = Median.AbsoluteDeviation(values, median) * Median.MadToSigma;
        return (median, Math.Max(options.SpreadMultiplier * sigma, options.MinRelativeGap * median));
    }

    private static bool PeersBusy(double[] medians, StragglerOptions options)
    {
        var smActive = medians[IndexOf(StragglerSignals.SmActive)];
        return double.IsNaN(smActive)
            ? medians[IndexOf(StragglerSignals.GpuUtil)] >= options.BusyGpuUtilPct
            : smActive >= options.BusySmActive;
    }

    private static int IndexOf(StragglerSignal signal)
    {
        var all = StragglerSignals.All;
        for (var i = 0; i < all.Count; i++)
        {
            if (ReferenceEquals(all[i], signal))
            {
                return i;
            }
        }

        throw new ArgumentException($"{signal.Name} is not a job signal.", nameof(signal));
    }
}
