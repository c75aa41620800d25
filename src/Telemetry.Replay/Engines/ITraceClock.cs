namespace Telemetry.Replay.Engines;

/// <summary>Maps trace time to the wall: an offline replay jumps, a linked one waits <c>1/speed</c> s per trace second.</summary>
public interface ITraceClock
{
    /// <summary>Returns once trace time <paramref name="traceSeconds"/> is due, calling <paramref name="meanwhile"/> about every second of wall time spent waiting.</summary>
    ValueTask WaitUntilAsync(double traceSeconds, Func<ValueTask> meanwhile, CancellationToken cancellationToken);

    /// <summary>Trace seconds behind schedule now (0 for an offline clock).</summary>
    double LagSeconds(double traceSeconds);
}
