namespace Telemetry.Replay.Engines;

/// <summary>The clock of an offline replay: every time is due at once.</summary>
public sealed class InstantClock : ITraceClock
{
    public static InstantClock Instance { get; } = new();

    public ValueTask WaitUntilAsync(double traceSeconds, Func<ValueTask> meanwhile, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public double LagSeconds(double traceSeconds) => 0;
}
