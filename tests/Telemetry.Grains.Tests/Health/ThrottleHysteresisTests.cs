using Microsoft.Extensions.Time.Testing;
using Telemetry.Fields;
using Telemetry.Grains.Health;
using Telemetry.Health;

namespace Telemetry.Grains.Tests.Health;

/// <summary>Throttling verdicts enter above half the last minute's samples, stay while a quarter or more are throttled, and dwell.</summary>
public sealed class ThrottleHysteresisTests
{
    private const long T0 = 1_700_000_000_000;
    private const double PowerCap = (double)ClockEventReasons.SwPowerCap;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeMilliseconds(T0));
    private readonly GpuHealthTracker _tracker;
    private long _nextMs = T0;

    public ThrottleHysteresisTests() => _tracker = new GpuHealthTracker(_time.GetUtcNow());

    [Fact]
    public void Observe_ThrottledShareFallsBetweenExitAndEnter_StaysDegradedWithoutFlapping()
    {
        ReportFor(TimeSpan.FromMinutes(1), tenths: 10);
        Assert.Equal(HealthState.Degraded, _tracker.Verdict.State);

        // 30 % throttled for ten minutes: under the enter share, over the exit share.
        var states = ReportFor(TimeSpan.FromMinutes(10), tenths: 3);

        Assert.All(states, s => Assert.Equal(HealthState.Degraded, s));
    }

    [Fact]
    public void Observe_ThrottlingStops_ClearsOnlyAfterTheDwell()
    {
        ReportFor(TimeSpan.FromMinutes(1), tenths: 10);

        var states = ReportFor(TimeSpan.FromMinutes(5), tenths: 0);

        // Ten-second reports: the share is at or over the exit 25 % for four more reports (over the enter 50 % for only
        // two), then the 2-minute dwell runs: degraded through the 14th report, which the enter share alone would not hold.
        Assert.All(states.Take(14), s => Assert.Equal(HealthState.Degraded, s));
        Assert.Equal(HealthState.Healthy, states[^1]);
    }

    [Fact]
    public void Observe_ThrottledShareUnderTheEnterShare_NeverDegrades()
    {
        var states = ReportFor(TimeSpan.FromMinutes(10), tenths: 4);

        Assert.All(states, s => Assert.Equal(HealthState.Healthy, s));
    }

    // Ten-second reports of ten 1 Hz samples, the first `tenths` of every ten throttled; answers the state after each report.
    private List<HealthState> ReportFor(TimeSpan span, int tenths)
    {
        var states = new List<HealthState>();
        for (var elapsed = TimeSpan.Zero; elapsed < span; elapsed += TimeSpan.FromSeconds(10))
        {
            _tracker.Observe(SampleBlock.Series(_nextMs, 1_000, 10, FieldCatalog.ClockEventReasons, i => i % 10 < tenths ? PowerCap : 0), hostRebooted: false, _time.GetUtcNow());
            _nextMs += 10_000;
            _time.Advance(TimeSpan.FromSeconds(10));
            states.Add(_tracker.Verdict.State);
        }

        return states;
    }
}
