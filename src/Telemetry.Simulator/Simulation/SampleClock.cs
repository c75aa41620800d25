namespace Telemetry.Exporter.Simulation;

/// <summary>
/// The time samples are stamped with. At scale 1 it is the clock. Above 1 it runs <c>scale</c> times faster and starts
/// (scale − 1) × duration in the past, so a run of that duration sends scale × duration of sample time and its
/// newest samples meet the clock at the end: never ahead of the servers' clocks, which refuse samples too far in the
/// future. Scheduling stays on the real clock; only timestamps are scaled.
/// </summary>
internal sealed class SampleClock
{
    private readonly TimeProvider _time;
    private readonly long _startTimestamp;
    private readonly long _startMs;
    private readonly double _scale;

    private SampleClock(TimeProvider time, long startTimestamp, long startMs, double scale)
    {
        _time = time;
        _startTimestamp = startTimestamp;
        _startMs = startMs;
        _scale = scale;
    }

    /// <summary>Sample time at the start of the run, Unix ms.</summary>
    public long StartMs => _startMs;

    /// <summary>A clock for a run starting at <paramref name="startTimestamp"/> (a <see cref="TimeProvider"/> timestamp).</summary>
    public static SampleClock Start(TimeProvider time, long startTimestamp, SimulatorOptions options)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var lead = options.TimeScale == 1 ? 0 : (long)((options.TimeScale - 1) * options.Duration.TotalMilliseconds);
        return new SampleClock(time, startTimestamp, now - lead, options.TimeScale);
    }

    /// <summary>Sample time now, Unix ms.</summary>
    public long NowMs() =>
        _scale == 1
            ? _time.GetUtcNow().ToUnixTimeMilliseconds()
            : _startMs + (long)(_time.GetElapsedTime(_startTimestamp).TotalMilliseconds * _scale);
}
