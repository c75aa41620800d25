namespace Telemetry.Grains.DataCenters;

/// <summary>
/// When a data center writes its nodes down: soon after one joins or changes health (what the totals count), and
/// otherwise at most every <see cref="Refresh"/> while summaries arrive. Heartbeats alone move only gauges, which
/// the next summary after a restore corrects, so writing them all every few seconds would buy nothing.
/// </summary>
public sealed class SnapshotSchedule(TimeSpan refresh)
{
    private bool _dirty;
    private bool _material;
    private DateTimeOffset _savedAt = DateTimeOffset.MinValue;

    /// <summary>The longest a heartbeat-only change waits to be written.</summary>
    public TimeSpan Refresh { get; } = refresh;

    /// <summary>Notes a summary; <paramref name="material"/> when it added a node or changed what the totals count.</summary>
    public void Changed(bool material)
    {
        _dirty = true;
        _material |= material;
    }

    /// <summary>True when a write is due at <paramref name="now"/>.</summary>
    public bool IsDue(DateTimeOffset now) => _material || (_dirty && now - _savedAt >= Refresh);

    /// <summary>Records a write taken at <paramref name="now"/> (what changed after it waits for the next).</summary>
    public void Saved(DateTimeOffset now)
    {
        _dirty = false;
        _material = false;
        _savedAt = now;
    }
}
