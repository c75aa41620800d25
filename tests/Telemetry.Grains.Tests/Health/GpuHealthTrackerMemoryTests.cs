using Telemetry.Grains.Health;
using Telemetry.Health;

namespace Telemetry.Grains.Tests.Health;

/// <summary>A tracker rebuilt from what its GPU grain wrote before a silo went away carries on as if nothing happened.</summary>
public sealed class GpuHealthTrackerMemoryTests
{
    private const long T0 = 1_700_000_000_000;
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(T0);

    [Fact]
    public void Restore_StickyVerdict_StaysUnhealthyWithItsReasonsAndSince()
    {
        var original = new GpuHealthTracker(Now);
        original.Observe(SampleBlock.One(T0, [79]), hostRebooted: false, Now);

        var restored = new GpuHealthTracker(original.Remember());

        Assert.Equal(original.Verdict, restored.Verdict);
        restored.Observe(SampleBlock.One(T0 + 3_600_000), hostRebooted: false, Now.AddHours(1));
        Assert.Equal(HealthState.Unhealthy, restored.Verdict.State);
        Assert.Equal(original.Verdict.Since, restored.Verdict.Since);
    }

    [Fact]
    public void Restore_DegradedHold_RunsOutOnTheOriginalSchedule()
    {
        var original = new GpuHealthTracker(Now);
        original.Observe(SampleBlock.One(T0, [94]), hostRebooted: false, Now);
        var restored = new GpuHealthTracker(original.Remember());
        var holdMs = (long)HealthRules.EventHold.TotalMilliseconds;

        restored.Observe(SampleBlock.One(T0 + holdMs - 1_000), hostRebooted: false, Now);
        Assert.Equal(HealthState.Degraded, restored.Verdict.State);
        restored.Observe(SampleBlock.One(T0 + holdMs), hostRebooted: false, Now);
        Assert.Equal(HealthState.Healthy, restored.Verdict.State);
    }

    [Fact]
    public void Restore_UnknownRuleKey_IsDroppedNotGuessed()
    {
        var memory = new HealthMemory
        {
            Verdict = HealthVerdict.HealthySince(Now),
            Active = [new ActiveRuleMemory("rule-from-a-newer-version", T0)],
        };

        var restored = new GpuHealthTracker(memory);
        restored.Observe(SampleBlock.One(T0 + 1_000), hostRebooted: false, Now);

        Assert.Equal(HealthState.Healthy, restored.Verdict.State);
    }
}
