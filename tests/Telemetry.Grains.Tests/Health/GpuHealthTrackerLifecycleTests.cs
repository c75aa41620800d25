using Microsoft.Extensions.Time.Testing;
using Telemetry.Fields;
using Telemetry.Grains.Health;
using Telemetry.Health;

namespace Telemetry.Grains.Tests.Health;

public class GpuHealthTrackerLifecycleTests
{
    private const long T0 = 1_700_000_000_000;
    private static readonly long EventHoldMs = (long)HealthRules.EventHold.TotalMilliseconds;
    private static readonly long ConditionClearMs = (long)HealthRules.ConditionClear.TotalMilliseconds;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeMilliseconds(T0));
    private readonly GpuHealthTracker _tracker;

    public GpuHealthTrackerLifecycleTests() => _tracker = new GpuHealthTracker(_time.GetUtcNow());

    [Fact]
    public void Observe_CleanReportsForAnHourAfterCriticalXid_StaysUnhealthy()
    {
        Report(T0, [79]);

        for (var minute = 1; minute <= 60; minute++)
        {
            Report(T0 + (minute * 60_000L), (FieldCatalog.EccDbeDelta, 0));
        }

        Assert.Equal(HealthState.Unhealthy, _tracker.Verdict.State);
    }

    [Fact]
    public void Observe_HostRebootedWithCleanReport_ResetsToHealthy()
    {
        Report(T0, (FieldCatalog.EccDbeDelta, 2));

        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.True(_tracker.Observe(SampleBlock.One(T0 + 300_000, (FieldCatalog.EccDbeDelta, 0)), hostRebooted: true, _time.GetUtcNow()));

        Assert.Equal(HealthVerdict.HealthySince(_time.GetUtcNow()), _tracker.Verdict with { Reasons = [], RecommendedActions = [] });
        Assert.Empty(_tracker.Verdict.Reasons);
    }

    [Theory]
    [InlineData(FieldCatalog.EccDbeDelta)]
    [InlineData(FieldCatalog.RowRemapFailure)]
    public void Observe_HostRebootedWithDirtyReport_StaysUnhealthy(int fieldId)
    {
        Report(T0, [48]);

        _tracker.Observe(SampleBlock.One(T0 + 300_000, (fieldId, 1)), hostRebooted: true, _time.GetUtcNow());

        Assert.Equal(HealthState.Unhealthy, _tracker.Verdict.State);
        Assert.Equal(2, _tracker.Verdict.Reasons.Length);
    }

    [Fact]
    public void Observe_HostRebootedWithCriticalXid_StaysUnhealthy()
    {
        Report(T0, (FieldCatalog.RowRemapFailure, 1));

        _tracker.Observe(SampleBlock.One(T0 + 300_000, [79]), hostRebooted: true, _time.GetUtcNow());

        Assert.Equal(HealthState.Unhealthy, _tracker.Verdict.State);
    }

    [Fact]
    public void ClearByOperator_Unhealthy_IsHealthySinceNow()
    {
        Report(T0, [95], (FieldCatalog.RowRemapPending, 1));
        _time.Advance(TimeSpan.FromMinutes(3));

        Assert.True(_tracker.ClearByOperator(_time.GetUtcNow()));

        Assert.Equal(HealthState.Healthy, _tracker.Verdict.State);
        Assert.Equal(_time.GetUtcNow(), _tracker.Verdict.Since);
        Assert.False(_tracker.ClearByOperator(_time.GetUtcNow()));
    }

    [Fact]
    public void Observe_AfterEventHold_DegradedClears()
    {
        Report(T0, [94]);

        Report(T0 + EventHoldMs - 1, (FieldCatalog.GpuUtilPct, 50));
        Assert.Equal(HealthState.Degraded, _tracker.Verdict.State);

        Assert.True(Report(T0 + EventHoldMs, (FieldCatalog.GpuUtilPct, 50)));
        Assert.Equal(HealthState.Healthy, _tracker.Verdict.State);
    }

    [Fact]
    public void Observe_EventRepeats_HoldRestartsFromTheLastOccurrence()
    {
        Report(T0, [38]);
        Report(T0 + 300_000, [38]);

        Report(T0 + EventHoldMs + 1, (FieldCatalog.GpuUtilPct, 50));

        Assert.Equal(HealthState.Degraded, _tracker.Verdict.State);
    }

    [Fact]
    public void Observe_ConditionAbsentForClearTime_DegradedClears()
    {
        Report(T0, (FieldCatalog.RowRemapPending, 1));
        Report(T0 + 1_000, (FieldCatalog.RowRemapPending, 0));

        Report(T0 + ConditionClearMs - 1, (FieldCatalog.RowRemapPending, 0));
        Assert.Equal(HealthState.Degraded, _tracker.Verdict.State);

        Report(T0 + ConditionClearMs, (FieldCatalog.RowRemapPending, 0));
        Assert.Equal(HealthState.Healthy, _tracker.Verdict.State);
    }

    [Fact]
    public void Observe_SecondDegradedReason_ReportsChangeButKeepsSince()
    {
        Report(T0, [94]);
        var since = _tracker.Verdict.Since;
        _time.Advance(TimeSpan.FromSeconds(30));

        Assert.True(Report(T0 + 30_000, [63]));

        Assert.Equal(since, _tracker.Verdict.Since);
        Assert.Equal(2, _tracker.Verdict.Reasons.Length);
        Assert.False(Report(T0 + 31_000, (FieldCatalog.GpuUtilPct, 1)));
    }

    [Fact]
    public void Observe_UnhealthyAndDegraded_ListsWorstFirst()
    {
        Report(T0, [94]);
        Report(T0 + 1_000, [79]);

        Assert.Equal(["XID 79: GPU has fallen off the bus", "XID 94: contained ECC error"], _tracker.Verdict.Reasons);
    }

    [Fact]
    public void MarkOffline_ThenReport_LeavesOfflineAndKeepsStickyUnhealthy()
    {
        Report(T0, [79]);
        var silentSince = _time.GetUtcNow().AddSeconds(15);

        Assert.True(_tracker.MarkOffline(silentSince));
        Assert.False(_tracker.MarkOffline(silentSince.AddSeconds(5)));
        Assert.Equal(HealthState.Offline, _tracker.Verdict.State);
        Assert.Equal(silentSince, _tracker.Verdict.Since);

        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(Report(T0 + 60_000, (FieldCatalog.GpuUtilPct, 1)));
        Assert.Equal(HealthState.Unhealthy, _tracker.Verdict.State);
        Assert.Equal(_time.GetUtcNow(), _tracker.Verdict.Since);
    }

    [Fact]
    public void MarkOffline_HealthyThenReport_IsHealthyAgain()
    {
        Report(T0, (FieldCatalog.GpuUtilPct, 1));
        _tracker.MarkOffline(_time.GetUtcNow());

        Report(T0 + 60_000, (FieldCatalog.GpuUtilPct, 1));

        Assert.Equal(HealthState.Healthy, _tracker.Verdict.State);
    }

    private bool Report(long timestampMs, params (int FieldId, double Value)[] values) => Report(timestampMs, [], values);

    private bool Report(long timestampMs, int[] xids, params (int FieldId, double Value)[] values) =>
        _tracker.Observe(SampleBlock.One(timestampMs, xids, values), hostRebooted: false, _time.GetUtcNow());
}
