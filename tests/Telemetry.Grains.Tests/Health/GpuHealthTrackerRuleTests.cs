using Microsoft.Extensions.Time.Testing;
using Telemetry.Fields;
using Telemetry.Grains.Health;
using Telemetry.Health;

namespace Telemetry.Grains.Tests.Health;

public class GpuHealthTrackerRuleTests
{
    private const long T0 = 1_700_000_000_000;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeMilliseconds(T0));

    [Theory]
    [InlineData(48)]
    [InlineData(64)]
    [InlineData(74)]
    [InlineData(79)]
    [InlineData(95)]
    [InlineData(119)]
    [InlineData(120)]
    [InlineData(140)]
    public void Observe_CriticalXid_IsUnhealthy(int xid) =>
        AssertVerdict(SampleBlock.One(T0, [xid]), HealthState.Unhealthy, $"XID {xid}:");

    [Theory]
    [InlineData(94)]
    [InlineData(63)]
    [InlineData(38)]
    [InlineData(39)]
    [InlineData(42)]
    public void Observe_WarningXid_IsDegraded(int xid) =>
        AssertVerdict(SampleBlock.One(T0, [xid]), HealthState.Degraded, $"XID {xid}:");

    [Fact]
    public void Observe_XidNotInTheTable_StaysHealthy()
    {
        var tracker = new GpuHealthTracker(_time.GetUtcNow());

        Assert.False(tracker.Observe(SampleBlock.One(T0, [13, 31, 43]), hostRebooted: false, _time.GetUtcNow()));
        Assert.Equal(HealthState.Healthy, tracker.Verdict.State);
    }

    [Theory]
    [InlineData(FieldCatalog.EccDbeDelta, 1, HealthState.Unhealthy)]
    [InlineData(FieldCatalog.EccDbeDelta, 0, HealthState.Healthy)]
    [InlineData(FieldCatalog.RowRemapFailure, 1, HealthState.Unhealthy)]
    [InlineData(FieldCatalog.RowRemapFailure, 0, HealthState.Healthy)]
    [InlineData(FieldCatalog.RowRemapPending, 1, HealthState.Degraded)]
    [InlineData(FieldCatalog.RowRemapPending, 0, HealthState.Healthy)]
    [InlineData(FieldCatalog.EccSbeDelta, 100, HealthState.Healthy)]
    public void Observe_CounterOrFlag_GivesItsVerdict(int fieldId, double value, HealthState expected)
    {
        var tracker = new GpuHealthTracker(_time.GetUtcNow());

        tracker.Observe(SampleBlock.One(T0, (fieldId, value)), hostRebooted: false, _time.GetUtcNow());

        Assert.Equal(expected, tracker.Verdict.State);
        Assert.Equal(tracker.Verdict.Reasons.Length, tracker.Verdict.RecommendedActions.Length);
    }

    [Theory]
    [InlineData(FieldCatalog.PcieReplayDelta, 8, HealthState.Healthy)]
    [InlineData(FieldCatalog.PcieReplayDelta, 9, HealthState.Degraded)]
    [InlineData(FieldCatalog.NvlinkCrcErrorsDelta, 6_000, HealthState.Healthy)]
    [InlineData(FieldCatalog.NvlinkCrcErrorsDelta, 6_001, HealthState.Degraded)]
    public void Observe_ErrorsInTheLastMinute_AreRisingOnlyOverTheLimit(int fieldId, int total, HealthState expected)
    {
        var tracker = new GpuHealthTracker(_time.GetUtcNow());

        // Spread over 61 one-second buckets, the whole last minute; one more, older, sample falls outside it.
        tracker.Observe(SampleBlock.One(T0 - 1, (fieldId, 1_000_000)), hostRebooted: false, _time.GetUtcNow());
        tracker.ClearByOperator(_time.GetUtcNow());
        var perSample = new double[61];
        for (var i = 0; i < total; i++)
        {
            perSample[i % 61]++;
        }

        tracker.Observe(SampleBlock.Series(T0, 1_000, 61, fieldId, i => perSample[i]), hostRebooted: false, _time.GetUtcNow());

        Assert.Equal(expected, tracker.Verdict.State);
    }

    [Theory]
    [InlineData(30, HealthState.Healthy)]
    [InlineData(31, HealthState.Degraded)]
    public void Observe_ThrottledSamplesInTheLastMinute_DegradeOnlyOverHalf(int throttled, HealthState expected)
    {
        var tracker = new GpuHealthTracker(_time.GetUtcNow());
        const double powerCap = (double)ClockEventReasons.SwPowerCap;
        const double idle = (double)ClockEventReasons.GpuIdle;

        // 60 samples at 1 Hz in the last minute; idle is a clock event but not throttling.
        tracker.Observe(
            SampleBlock.Series(T0, 1_000, 60, FieldCatalog.ClockEventReasons, i => i < throttled ? powerCap : idle),
            hostRebooted: false,
            _time.GetUtcNow());

        Assert.Equal(expected, tracker.Verdict.State);
    }

    [Theory]
    [InlineData(SampleBlock.H100, 87, HealthState.Healthy)]
    [InlineData(SampleBlock.H100, 87.5, HealthState.Degraded)]
    [InlineData("NVIDIA A100-SXM4-80GB", 86, HealthState.Degraded)]
    [InlineData("NVIDIA B200", 86, HealthState.Healthy)]
    [InlineData("Some Future GPU", 86, HealthState.Degraded)]
    public void Observe_TemperatureOverTheModelsLimit_IsDegraded(string model, double temp, HealthState expected)
    {
        var tracker = new GpuHealthTracker(_time.GetUtcNow());

        tracker.Observe(SampleBlock.Series(T0, 1_000, 1, FieldCatalog.GpuTempC, _ => temp, model), hostRebooted: false, _time.GetUtcNow());

        Assert.Equal(expected, tracker.Verdict.State);
    }

    private void AssertVerdict(Wire.GpuSamples samples, HealthState expected, string reasonPrefix)
    {
        var tracker = new GpuHealthTracker(_time.GetUtcNow());
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(tracker.Observe(samples, hostRebooted: false, _time.GetUtcNow()));

        Assert.Equal(expected, tracker.Verdict.State);
        Assert.StartsWith(reasonPrefix, Assert.Single(tracker.Verdict.Reasons));
        Assert.False(string.IsNullOrEmpty(Assert.Single(tracker.Verdict.RecommendedActions)));
        Assert.Equal(_time.GetUtcNow(), tracker.Verdict.Since);
    }
}
