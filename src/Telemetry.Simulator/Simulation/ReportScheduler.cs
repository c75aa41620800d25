using Telemetry.Exporter.Sending;

namespace Telemetry.Exporter.Simulation;

/// <summary>
/// Fires each node's report at its own phase of the interval (node i of N at i/N of it), so a thousand
/// nodes make a steady stream of requests rather than a burst each second. Generation and encoding run
/// on this loop; sending runs on the thread pool, one body per node at a time. With a spool, reports a node
/// cannot send now go to it (<see cref="LaneDispatcher"/>); without one, a report time whose node is still
/// sending is skipped.
/// </summary>
internal sealed class ReportScheduler(
    NodeLane[] lanes,
    SimulatorOptions options,
    LaneDispatcher dispatcher,
    SendCounters counters,
    TimeProvider time,
    SampleClock clock)
{
    // Each wake costs a timer, a thread-pool hop and a context switch; 10 ms of bunching (32 reports a wake at the
    // national rate) still spreads the load, and at 325 reports/s it took about 40 % off the simulator's CPU per report.
    private static readonly TimeSpan MinWait = TimeSpan.FromMilliseconds(10);

    /// <summary>Runs from <paramref name="start"/> (a <see cref="TimeProvider"/> timestamp) until the duration ends; throws when cancelled.</summary>
    public async Task RunAsync(long start, CancellationToken ct)
    {
        var frequency = time.TimestampFrequency;
        var interval = (long)(options.Interval.TotalSeconds * frequency);
        for (var i = 0; i < lanes.Length; i++)
        {
            lanes[i].DueTimestamp = start + (interval * i / lanes.Length);
        }

        var end = options.Duration > TimeSpan.Zero ? start + (long)(options.Duration.TotalSeconds * frequency) : long.MaxValue;
        var nextRotation = start + frequency;
        var next = 0;
        while (true)
        {
            var now = time.GetTimestamp();
            if (now >= end)
            {
                return;
            }

            if (now >= nextRotation)
            {
                counters.RotateRecent();
                nextRotation = Math.Max(nextRotation + frequency, now);
            }

            // Lanes stay in due order because each moves on by the same interval.
            while (lanes[next].DueTimestamp <= now)
            {
                var lane = lanes[next];
                Fire(lane, ct);
                lane.DueTimestamp += interval;
                if (now - lane.DueTimestamp >= interval)
                {
                    // Far behind (a paused process, a starved CPU): skip whole intervals rather than burst.
                    var behind = (now - lane.DueTimestamp) / interval;
                    lane.DueTimestamp += behind * interval;
                }

                next = (next + 1) % lanes.Length;
            }

            var wake = Math.Min(Math.Min(lanes[next].DueTimestamp, nextRotation), end);
            var wait = TimeSpan.FromSeconds((double)(wake - now) / frequency);
            await Task.Delay(wait > MinWait ? wait : MinWait, time, ct);
        }
    }

    private void Fire(NodeLane lane, CancellationToken ct)
    {
        if (lane.Node.ConditionAt(clock.NowMs()).Silent)
        {
            // A scenario's outage: the node sends nothing, as a node cut off would.
            return;
        }

        dispatcher.Fire(lane, lane.Node.SamplesPerReport, () => Encode(lane), ct);
    }

    private SendRequest Encode(NodeLane lane)
    {
        var request = lane.Encode(clock.NowMs(), options.Gzip, out var xids);
        counters.RecordXids(xids);
        return request;
    }
}
