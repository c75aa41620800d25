using Microsoft.Extensions.Time.Testing;
using Telemetry.Fields;
using Telemetry.Grains.Health;
using Telemetry.Health;

namespace Telemetry.Grains.Tests.Health;

public class GpuHealthTrackerStragglerTests
{
    private const long T0 = 1_700_000_000_000;
    private const string Reason = "sm_active 0.35 vs job median 0.90 for 30 s";
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeMilliseconds(T0));

    [Fact]
    public void MarkStraggler_HealthyGpu_IsDegradedWithTheJobsReasonAndAction()
    {
        var tracker = new GpuHealthTracker(_time.GetUtcNow());
        tracker.Observe(SampleBlock.One(T0, (FieldCatalog.SmActive, 0.35)), hostRebooted: false, _time.GetUtcNow());

        Assert.True(tracker.MarkStraggler(HealthRules.Straggler(Reason, "check clocks"), T0, _time.GetUtcNow()));

        Assert.Equal(HealthState.Degraded, tracker.Verdict.State);
        Assert.Equal([Reason], tracker.Verdict.Reasons);
        Assert.Equal(["check clocks"], tracker.Verdict.RecommendedActions);
        Assert.True(tracker.IsStraggler);
    }

    [Fact]
    public void MarkStraggler_Refreshed_KeepsTheFirstReasonAndChangesNothing()
    {
        var tracker = new GpuHealthTracker(_time.GetUtcNow());
        tracker.MarkStraggler(HealthRules.Straggler(Reason, "check clocks"), T0, _time.GetUtcNow());

        Assert.False(tracker.MarkStraggler(HealthRules.Straggler("sm_active 0.30 vs job median 0.90 for 30 s", "check clocks"), T0 + 10_000, _time.GetUtcNow()));
        Assert.Equal([Reason], tracker.Verdict.Reasons);
    }

    [Fact]
    public void ClearStraggler_Straggler_IsHealthyAgain()
    {
        var tracker = new GpuHealthTracker(_time.GetUtcNow());
        tracker.MarkStraggler(HealthRules.Straggler(Reason, "check clocks"), T0, _time.GetUtcNow());

        Assert.True(tracker.ClearStraggler(_time.GetUtcNow()));

        Assert.Equal(HealthState.Healthy, tracker.Verdict.State);
        Assert.False(tracker.IsStraggler);
    }

    [Fact]
    public void Observe_JobStoppedRefreshingTheRule_ItExpiresAfterTheConditionClear()
    {
        var tracker = new GpuHealthTracker(_time.GetUtcNow());
        tracker.MarkStraggler(HealthRules.Straggler(Reason, "check clocks"), T0, _time.GetUtcNow());

        tracker.Observe(SampleBlock.One(T0 + 119_000, (FieldCatalog.SmActive, 0.9)), hostRebooted: false, _time.GetUtcNow());
        Assert.True(tracker.IsStraggler);
        tracker.Observe(SampleBlock.One(T0 + 120_000, (FieldCatalog.SmActive, 0.9)), hostRebooted: false, _time.GetUtcNow());

        Assert.False(tracker.IsStraggler);
        Assert.Equal(HealthState.Healthy, tracker.Verdict.State);
    }
}
