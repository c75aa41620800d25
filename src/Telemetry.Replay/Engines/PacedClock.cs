namespace Telemetry.Replay.Engines;

/// <summary>
/// Trace time paced against the wall at <c>speed</c> trace seconds per wall second, from
/// <paramref name="traceStart"/> at the moment of construction; waits through the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class PacedClock(TimeProvider time, double speed, double traceStart) : ITraceClock
{
    private static readonly TimeSpan Slice = TimeSpan.FromSeconds(1);
    private readonly long _startedAt = time.GetTimestamp();

    public async ValueTask WaitUntilAsync(double traceSeconds, Func<ValueTask> meanwhile, CancellationToken cancellationToken)
    {
        while (true)
        {
            var due = TimeSpan.FromSeconds((traceSeconds - traceStart) / speed) - time.GetElapsedTime(_startedAt);
            if (due <= TimeSpan.Zero)
            {
                return;
            }

            await Task.Delay(due < Slice ? due : Slice, time, cancellationToken).ConfigureAwait(false);
            if (due >= Slice)
            {
                await meanwhile().ConfigureAwait(false);
            }
        }
    }

    public double LagSeconds(double traceSeconds) =>
        Math.Max(0, traceStart + (time.GetElapsedTime(_startedAt).TotalSeconds * speed) - traceSeconds);
}
