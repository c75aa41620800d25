using Microsoft.Extensions.Time.Testing;
using Telemetry.Grains.Health;
using Telemetry.Health;
using Telemetry.State;

namespace Telemetry.Grains.Tests.Health;

public class NodeHealthTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private static readonly TimeSpan OfflineAfter = TimeSpan.FromSeconds(15);

    [Fact]
    public void Evaluate_WorstGpu_SetsTheNodesState()
    {
        var node = new NodeHealthEvaluator(_time.GetUtcNow());
        var now = _time.GetUtcNow();

        Assert.True(node.Evaluate([Gpu(0, HealthState.Healthy), Gpu(1, HealthState.Degraded), Gpu(2, HealthState.Unhealthy)], now, now, OfflineAfter, now));

        Assert.Equal(HealthState.Unhealthy, node.Verdict.State);
        Assert.Equal(["GPU 2 (GPU-2) is unhealthy", "GPU 1 (GPU-1) is degraded"], node.Verdict.Reasons);
        Assert.False(node.Evaluate([Gpu(0, HealthState.Healthy), Gpu(1, HealthState.Degraded), Gpu(2, HealthState.Unhealthy)], now, now, OfflineAfter, now));
    }

    [Fact]
    public void Evaluate_OneGpuOfflineOnAReportingNode_IsDegradedNotOffline()
    {
        var node = new NodeHealthEvaluator(_time.GetUtcNow());
        var now = _time.GetUtcNow();

        node.Evaluate([Gpu(0, HealthState.Healthy), Gpu(1, HealthState.Offline)], now, now, OfflineAfter, now);

        Assert.Equal(HealthState.Degraded, node.Verdict.State);
        Assert.Equal(["GPU 1 (GPU-1) is not reporting"], node.Verdict.Reasons);
    }

    [Fact]
    public void Evaluate_ExporterSilentForOfflineAfter_IsOffline()
    {
        var node = new NodeHealthEvaluator(_time.GetUtcNow());
        var lastReport = _time.GetUtcNow();

        _time.Advance(OfflineAfter - TimeSpan.FromMilliseconds(1));
        node.Evaluate([Gpu(0, HealthState.Healthy)], lastReport, lastReport, OfflineAfter, _time.GetUtcNow());
        Assert.Equal(HealthState.Healthy, node.Verdict.State);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(node.Evaluate([Gpu(0, HealthState.Unhealthy)], lastReport, lastReport, OfflineAfter, _time.GetUtcNow()));
        Assert.Equal(HealthState.Offline, node.Verdict.State);
        Assert.Equal(_time.GetUtcNow(), node.Verdict.Since);
    }

    [Theory]
    [InlineData(30, HealthState.Healthy)]
    [InlineData(31, HealthState.Degraded)]
    public void Evaluate_NewestSampleBehindReceiveTime_DegradesOverTheSkew(int lagSeconds, HealthState expected)
    {
        var node = new NodeHealthEvaluator(_time.GetUtcNow());
        var now = _time.GetUtcNow();

        node.Evaluate([Gpu(0, HealthState.Healthy)], now, now.AddSeconds(-lagSeconds), OfflineAfter, now);

        Assert.Equal(expected, node.Verdict.State);
    }

    [Fact]
    public void Evaluate_NeverReported_IsOffline()
    {
        var node = new NodeHealthEvaluator(_time.GetUtcNow());

        node.Evaluate([], null, null, OfflineAfter, _time.GetUtcNow());

        Assert.Equal(HealthState.Offline, node.Verdict.State);
    }

    [Fact]
    public void Estimator_NoGapYet_IsOfflineAfterTenSeconds()
    {
        var estimator = new ReportIntervalEstimator();
        Assert.True(estimator.IsSilent(_time.GetUtcNow()));

        estimator.Observe(_time.GetUtcNow());

        Assert.Null(estimator.Interval);
        Assert.Equal(TimeSpan.FromSeconds(10), estimator.OfflineAfter);
        Assert.False(estimator.IsSilent(_time.GetUtcNow().AddSeconds(9)));
        Assert.True(estimator.IsSilent(_time.GetUtcNow().AddSeconds(10)));
    }

    [Fact]
    public void Estimator_SteadyFiveSecondReports_IsOfflineAfterFifteenSeconds()
    {
        var estimator = new ReportIntervalEstimator();
        for (var i = 0; i < 10; i++)
        {
            estimator.Observe(_time.GetUtcNow());
            _time.Advance(TimeSpan.FromSeconds(5));
        }

        Assert.Equal(TimeSpan.FromSeconds(5), estimator.Interval);
        Assert.Equal(TimeSpan.FromSeconds(15), estimator.OfflineAfter);
    }

    [Fact]
    public void Estimator_FastReports_KeepsTheTenSecondMinimum()
    {
        var estimator = new ReportIntervalEstimator();
        for (var i = 0; i < 10; i++)
        {
            estimator.Observe(_time.GetUtcNow());
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(TimeSpan.FromSeconds(10), estimator.OfflineAfter);
    }

    [Fact]
    public void Estimator_OneOutage_CountsAtMostOfflineAfter()
    {
        var estimator = new ReportIntervalEstimator();
        for (var i = 0; i < 10; i++)
        {
            estimator.Observe(_time.GetUtcNow());
            _time.Advance(TimeSpan.FromSeconds(5));
        }

        _time.Advance(TimeSpan.FromHours(1));
        estimator.Observe(_time.GetUtcNow());

        // 0.8 × 5 s + 0.2 × 15 s (the gap capped at OfflineAfter).
        Assert.Equal(TimeSpan.FromSeconds(7), estimator.Interval);
    }

    [Fact]
    public void Estimator_ArrivalNotAfterTheLast_IsIgnored()
    {
        var estimator = new ReportIntervalEstimator();
        var t = _time.GetUtcNow();
        estimator.Observe(t);
        estimator.Observe(t.AddSeconds(4));

        estimator.Observe(t.AddSeconds(1));

        Assert.Equal(TimeSpan.FromSeconds(4), estimator.Interval);
        Assert.Equal(t.AddSeconds(4), estimator.LastArrival);
    }

    private static GpuBrief Gpu(int index, HealthState health) =>
        new() { Uuid = $"GPU-{index}", Index = index, Model = "NVIDIA H200", Health = health };
}
