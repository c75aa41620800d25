namespace Telemetry.Grains.Health;

/// <summary>
/// A node's report interval: an exponential moving average (weight <see cref="Smoothing"/> on the newest gap)
/// of the gaps between report arrival times, and the silence after which the node is offline.
/// </summary>
public sealed class ReportIntervalEstimator
{
    /// <summary>Weight of the newest gap in the average: 0.2.</summary>
    public const double Smoothing = 0.2;

    /// <summary>The node is never offline sooner than this: 10 s.</summary>
    public static readonly TimeSpan MinimumOfflineAfter = TimeSpan.FromSeconds(10);

    /// <summary>The averaged interval; null until two reports have arrived.</summary>
    public TimeSpan? Interval { get; private set; }

    /// <summary>The newest arrival time seen; null before the first report.</summary>
    public DateTimeOffset? LastArrival { get; private set; }

    /// <summary>Silence after which the node is offline: max(10 s, 3 × <see cref="Interval"/>); 10 s while the interval is unknown.</summary>
    public TimeSpan OfflineAfter =>
        Interval is { } interval && interval * 3 > MinimumOfflineAfter ? interval * 3 : MinimumOfflineAfter;

    /// <summary>Records a report that arrived at <paramref name="arrivedAt"/> (server time).</summary>
    public void Observe(DateTimeOffset arrivedAt)
    {
        if (LastArrival is not { } last)
        {
            LastArrival = arrivedAt;
            return;
        }

        if (arrivedAt <= last)
        {
            return;
        }

        // An outage is not the cadence: a gap counts at most OfflineAfter, so one outage barely moves the
        // average while a lasting change of cadence still pulls it along (by up to 40 % a report).
        var gap = arrivedAt - last;
        if (gap > OfflineAfter)
        {
            gap = OfflineAfter;
        }

        Interval = Interval is { } interval ? (interval * (1 - Smoothing)) + (gap * Smoothing) : gap;
        LastArrival = arrivedAt;
    }

    /// <summary>
    /// Carries on from a previous activation's <paramref name="interval"/> and last arrival, so a node grain that moved
    /// keeps judging silence by the node's cadence instead of the 10-s minimum (a 10-s node would read offline at once).
    /// </summary>
    public void Restore(TimeSpan? interval, DateTimeOffset? lastArrival)
    {
        Interval = interval;
        LastArrival = lastArrival;
    }

    /// <summary>True when no report has arrived for <see cref="OfflineAfter"/> or longer at <paramref name="now"/>.</summary>
    public bool IsSilent(DateTimeOffset now) => LastArrival is not { } last || now - last >= OfflineAfter;
}
