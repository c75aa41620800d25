using Telemetry.Grains.DataCenters;

namespace Telemetry.Grains.Tests.DataCenters;

public sealed class SnapshotScheduleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(30);

    [Fact]
    public void IsDue_NothingChanged_IsFalse()
    {
        var schedule = new SnapshotSchedule(Refresh);
        schedule.Saved(T0);

        Assert.False(schedule.IsDue(T0.AddHours(1)));
    }

    [Fact]
    public void IsDue_MaterialChange_IsTrueAtOnce()
    {
        var schedule = new SnapshotSchedule(Refresh);
        schedule.Saved(T0);
        schedule.Changed(material: true);

        Assert.True(schedule.IsDue(T0.AddSeconds(1)));
    }

    [Fact]
    public void IsDue_HeartbeatsOnly_WaitForTheRefresh()
    {
        var schedule = new SnapshotSchedule(Refresh);
        schedule.Saved(T0);
        schedule.Changed(material: false);

        Assert.False(schedule.IsDue(T0 + Refresh - TimeSpan.FromSeconds(1)));
        Assert.True(schedule.IsDue(T0 + Refresh));
    }

    [Fact]
    public void Saved_ClearsWhatWasDue()
    {
        var schedule = new SnapshotSchedule(Refresh);
        schedule.Changed(material: true);
        schedule.Saved(T0);

        Assert.False(schedule.IsDue(T0.AddSeconds(1)));
    }
}
