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

    /// <summary>The longest first guess taken from a report's own samples: 1 min (so 3 min of silence at most).</summary>
    public static readonly TimeSpan MaximumFirstGuess = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Until two reports have arrived, the time the first one's samples spanned (capped at <see cref="MaximumFirstGuess"/>):
    /// an exporter spreads a report's samples over its interval, so a node that sends 10 samples every 10 s is not
    /// judged by the 10-s minimum before its second report can arrive. Null once <see cref="Interval"/> is known.
    /// </summary>
    public TimeSpan? FirstGuess { get; private set; }

    /// <summary>The interval silence is judged by: <see cref="Interval"/>, else <see cref="FirstGuess"/>; null when neither is known.</summary>
    public TimeSpan? Cadence => Interval ?? FirstGuess;

    /// <summary>The newest arrival time seen; null before the first report.</summary>
    public DateTimeOffset? LastArrival { get; private set; }

    /// <summary>Silence after which the node is offline: max(10 s, 3 × <see cref="Interval"/>); 10 s while the interval is unknown.</summary>
    public TimeSpan OfflineAfter =>
        Cadence is { } interval && interval * 3 > MinimumOfflineAfter ? interval * 3 : MinimumOfflineAfter;

    /// <summary>
    /// Records a report that arrived at <paramref name="arrivedAt"/> (server time) whose samples spanned
    /// <paramref name="sampleSpan"/> (newest minus oldest sample time; zero for a single sample).
    /// </summary>
    public void Observe(DateTimeOffset arrivedAt, TimeSpan sampleSpan = default)
    {
        if (LastArrival is not { } last)
        {
            LastArrival = arrivedAt;
            if (Interval is null && sampleSpan > TimeSpan.Zero)
            {
                FirstGuess = sampleSpan < MaximumFirstGuess ? sampleSpan : MaximumFirstGuess;
            }

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
        FirstGuess = null;
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
