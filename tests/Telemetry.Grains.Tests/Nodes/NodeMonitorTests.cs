using Microsoft.Extensions.Time.Testing;
using Telemetry.Grains.Nodes;
using Telemetry.Health;
using Telemetry.Placement;
using Telemetry.State;
using Telemetry.Wire;

namespace Telemetry.Grains.Tests.Nodes;

public sealed class NodeMonitorTests
{
    private const string NodeId = "dc1/node-0001";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    private readonly NodeMonitorOptions _options = new();
    private readonly NodeMonitor _node;

    public NodeMonitorTests() => _node = new NodeMonitor(NodeId, _options, _time.GetUtcNow());

    [Fact]
    public void Snapshot_BeforeAnyReport_IsNull()
    {
        Assert.Null(_node.Snapshot());
        Assert.Null(_node.SummaryToSend(_time.GetUtcNow()));
    }

    [Fact]
    public void IsReplay_AfterApplied_TrueForSameSeq_FalseForNext()
    {
        Apply(seq: 3, gpus: 2);

        Assert.True(_node.IsReplay(Report(3, 2)));
        Assert.False(_node.IsReplay(Report(4, 2)));
    }

    [Fact]
    public void Snapshot_AfterReport_HasGpusGaugesAndFreeCount()
    {
        Apply(seq: 1, gpus: 4, jobOnFirst: true);

        var snapshot = _node.Snapshot()!;

        Assert.Equal(4, snapshot.Gpus.Length);
        Assert.Equal(3, snapshot.FreeGpus);
        Assert.Equal(12.5, snapshot.Gauges["cpu_util_pct"]);
        Assert.Equal(1UL, snapshot.LastSeq);
        Assert.Equal(HealthState.Healthy, snapshot.Health.State);
    }

    [Fact]
    public void Restore_FromRemembered_ReadsTheSameAndRecognisesReplays()
    {
        Apply(seq: 7, gpus: 3, jobOnFirst: true);
        var state = new NodeDurableState();
        _node.Remember(state);

        var moved = new NodeMonitor(NodeId, _options, _time.GetUtcNow());
        moved.Restore(state, _time.GetUtcNow());

        Assert.True(moved.IsReplay(Report(7, 3)));
        Assert.False(moved.IsReplay(Report(8, 3)));
        var snapshot = moved.Snapshot()!;
        Assert.Equal(7UL, snapshot.LastSeq);
        Assert.Equal(3, snapshot.Gpus.Length);
        Assert.Equal(2, snapshot.FreeGpus);
    }

    [Fact]
    public void Restore_NodeReportingEvery10s_KeepsItsCadence_NotOfflineAfterOneInterval()
    {
        for (ulong seq = 1; seq <= 5; seq++)
        {
            Apply(seq, gpus: 2);
            _time.Advance(TimeSpan.FromSeconds(10));
        }

        var state = new NodeDurableState();
        _node.Remember(state);
        var moved = new NodeMonitor(NodeId, _options, _time.GetUtcNow());
        moved.Restore(state, _time.GetUtcNow());

        // 12 s after the last report: late for a 10-s minimum, on time for three 10-s intervals.
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(TimeSpan.FromSeconds(30), moved.OfflineAfter);
        Assert.False(moved.CheckSilence(_time.GetUtcNow()).NodeSilent);
        _time.Advance(TimeSpan.FromSeconds(18));
        Assert.True(moved.CheckSilence(_time.GetUtcNow()).NodeSilent);
    }

    [Fact]
    public void OfflineAfter_BeforeTheSecondReport_IsThreeTimesTheFirstReportsSampleSpan()
    {
        // An exporter sending 10 samples a second apart every 10 s: its second report cannot come before 10 s.
        _node.Applied(SpreadReport(seq: 1, samples: 10, stepMs: 1_000), [Brief(0, HealthState.Healthy)], _time.GetUtcNow());

        Assert.Equal(TimeSpan.FromSeconds(27), _node.OfflineAfter);
        _time.Advance(TimeSpan.FromSeconds(20));
        Assert.False(_node.CheckSilence(_time.GetUtcNow()).NodeSilent);
        _time.Advance(TimeSpan.FromSeconds(7));
        Assert.True(_node.CheckSilence(_time.GetUtcNow()).NodeSilent);
    }

    [Fact]
    public void OfflineAfter_AfterTheSecondReport_FollowsArrivalsNotTheSpan()
    {
        _node.Applied(SpreadReport(seq: 1, samples: 10, stepMs: 5_000), [Brief(0, HealthState.Healthy)], _time.GetUtcNow());
        Assert.Equal(TimeSpan.FromSeconds(135), _node.OfflineAfter);
        _time.Advance(TimeSpan.FromSeconds(3));
        _node.Applied(SpreadReport(seq: 2, samples: 10, stepMs: 5_000), [Brief(0, HealthState.Healthy)], _time.GetUtcNow());

        // One 3-s gap: three of them are under the 10-s minimum.
        Assert.Equal(_options.MinOfflineAfter, _node.OfflineAfter);
    }

    [Theory]
    [InlineData(1, 1_000, 10)]       // one sample spans nothing: the minimum
    [InlineData(2, 3_600_000, 180)]  // an hour's span is capped at a minute: 3 min
    public void OfflineAfter_FirstReport_MinimumForNoSpanAndCappedForALongOne(int samples, int stepMs, int expectedSeconds)
    {
        _node.Applied(SpreadReport(seq: 1, samples, stepMs), [Brief(0, HealthState.Healthy)], _time.GetUtcNow());

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), _node.OfflineAfter);
    }

    [Fact]
    public void Applied_GaugeNotMeasured_IsLeftOut()
    {
        var report = Report(1, 1) with { Gauges = new Dictionary<string, double> { ["cpu_util_pct"] = double.NaN, ["mem_used_bytes"] = 5 } };

        _node.Applied(report, [Brief(0, HealthState.Healthy)], _time.GetUtcNow());

        Assert.Equal(["mem_used_bytes"], _node.Snapshot()!.Gauges.Keys);
    }

    [Fact]
    public void CheckSilence_NoReportForOfflineAfter_MarksEveryGpuOnce()
    {
        Apply(seq: 1, gpus: 3);
        var last = _time.GetUtcNow();

        _time.Advance(_options.MinOfflineAfter - TimeSpan.FromMilliseconds(1));
        Assert.Empty(_node.CheckSilence(_time.GetUtcNow()).GpuIndexes);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var check = _node.CheckSilence(_time.GetUtcNow());

        Assert.True(check.NodeSilent);
        Assert.Equal([0, 1, 2], check.GpuIndexes);
        Assert.Equal(last, check.Since);
        Assert.Empty(_node.CheckSilence(_time.GetUtcNow()).GpuIndexes);
        Assert.Equal(0, _node.FreeGpus);
        _node.Reassess(_time.GetUtcNow());
        Assert.Equal(HealthState.Offline, _node.Health.State);
    }

    [Fact]
    public void Checked_ASiloThatStalledPastTheOfflineWindow_DoesNotCountTheStallAsSilence()
    {
        Apply(seq: 1, gpus: 3);
        var period = _options.CheckPeriod;
        _time.Advance(period);
        Assert.Equal(TimeSpan.Zero, _node.Checked(_time.GetUtcNow(), period));

        // The silo could not run for longer than the offline window: its next check comes that late, and all but the
        // period it was due after is left out of the silence.
        var stall = _options.MinOfflineAfter * 3;
        _time.Advance(stall);
        Assert.Equal(stall - period, _node.Checked(_time.GetUtcNow(), period));

        var afterStall = _node.CheckSilence(_time.GetUtcNow());
        Assert.False(afterStall.NodeSilent);
        Assert.Empty(afterStall.GpuIndexes);
        _node.Reassess(_time.GetUtcNow());
        Assert.Equal(HealthState.Healthy, _node.Health.State);

        // Once the silo runs again, silence counts: a period before the stall, a period of the stalled check (the rest of
        // it was late), and each period from now on. One period short of the window the node still reports; at it, not.
        var heard = period * 2;
        CheckEveryPeriodFor(_node.OfflineAfter - heard - period);
        Assert.False(_node.CheckSilence(_time.GetUtcNow()).NodeSilent);
        CheckEveryPeriodFor(period);
        var check = _node.CheckSilence(_time.GetUtcNow());
        Assert.True(check.NodeSilent);
        Assert.Equal([0, 1, 2], check.GpuIndexes);
        _node.Reassess(_time.GetUtcNow());
        Assert.Equal(HealthState.Offline, _node.Health.State);
    }

    [Fact]
    public void Checked_LateByUpToAPeriod_IsJitter_AndSilenceCountsWhole()
    {
        Apply(seq: 1, gpus: 2);
        var period = _options.CheckPeriod;
        var heard = TimeSpan.Zero;
        while (heard < _node.OfflineAfter)
        {
            // Every check a whole period late: the silo is slow, not stopped.
            _time.Advance(period * 2);
            heard += period * 2;
            Assert.Equal(TimeSpan.Zero, _node.Checked(_time.GetUtcNow(), period));
        }

        Assert.True(_node.CheckSilence(_time.GetUtcNow()).NodeSilent);
    }

    [Fact]
    public void Checked_AStallBeforeAReport_IsForgottenByTheReport()
    {
        Apply(seq: 1, gpus: 1);
        var period = _options.CheckPeriod;
        _time.Advance(period + _options.MinOfflineAfter * 2);
        _node.Checked(_time.GetUtcNow(), period);
        Apply(seq: 2, gpus: 1);

        // The report heard now restarts the silence at zero; the stall's credit does not carry into it.
        CheckEveryPeriodFor(_node.OfflineAfter);
        Assert.True(_node.CheckSilence(_time.GetUtcNow()).NodeSilent);
    }

    [Fact]
    public void CheckSilence_OneGpuMissingFromReports_MarksOnlyItAndNodeIsDegraded()
    {
        Apply(seq: 1, gpus: 2);
        for (var seq = 2UL; seq <= 12; seq++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            Apply(seq, gpus: 1);
        }

        var check = _node.CheckSilence(_time.GetUtcNow());
        Assert.False(check.NodeSilent);
        Assert.Equal([1], check.GpuIndexes);

        _node.Update([Brief(1, HealthState.Offline)]);
        _node.Reassess(_time.GetUtcNow());
        Assert.Equal(HealthState.Degraded, _node.Health.State);
        Assert.Empty(_node.CheckSilence(_time.GetUtcNow()).GpuIndexes);
    }

    [Fact]
    public void OfflineAfter_IsThreeReportIntervals_NeverBelowTheMinimum()
    {
        for (var seq = 1UL; seq <= 20; seq++)
        {
            Apply(seq, gpus: 1);
            _time.Advance(TimeSpan.FromSeconds(30));
        }

        // The estimate converges on 30 s from below (each gap is capped at the threshold of its time).
        Assert.InRange(_node.OfflineAfter, TimeSpan.FromSeconds(85), TimeSpan.FromSeconds(90));
    }

    [Fact]
    public void SummaryToSend_UnchangedBeforeHeartbeat_IsNull_MaterialChangeOrHeartbeat_Sends()
    {
        Apply(seq: 1, gpus: 2);
        var first = _node.SummaryToSend(_time.GetUtcNow())!;
        _node.SummarySent(first, _time.GetUtcNow());

        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Null(_node.SummaryToSend(_time.GetUtcNow()));

        _node.Update([Brief(0, HealthState.Unhealthy)]);
        Assert.Equal(1, _node.SummaryToSend(_time.GetUtcNow())!.GpusByHealth.Unhealthy);

        _node.Update([Brief(0, HealthState.Healthy)]);
        _time.Advance(_options.SummaryHeartbeat);
        Assert.NotNull(_node.SummaryToSend(_time.GetUtcNow()));
    }

    [Fact]
    public void SummaryToSend_SendThatFailed_IsOfferedAgainAtTheNextCheck()
    {
        Apply(seq: 1, gpus: 2);
        _node.SummarySent(_node.SummaryToSend(_time.GetUtcNow())!, _time.GetUtcNow());

        _node.Update([Brief(0, HealthState.Unhealthy)]);
        Assert.NotNull(_node.SummaryToSend(_time.GetUtcNow()));

        // Not delivered (no SummarySent): the same change is still to be told.
        _time.Advance(TimeSpan.FromSeconds(2));
        var again = _node.SummaryToSend(_time.GetUtcNow())!;
        Assert.Equal(1, again.GpusByHealth.Unhealthy);

        _node.SummarySent(again, _time.GetUtcNow());
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Null(_node.SummaryToSend(_time.GetUtcNow()));
    }

    [Fact]
    public void SummaryToSend_ChangesOnlyTimeOrHoldsMake_AreStillSeen()
    {
        // No heartbeat within the test: only a change seen can make a summary.
        _options.SummaryHeartbeat = TimeSpan.FromHours(1);
        Apply(seq: 1, gpus: 2);
        _node.SummarySent(_node.SummaryToSend(_time.GetUtcNow())!, _time.GetUtcNow());
        var now = _time.GetUtcNow();
        Assert.True(_node.Hold(new GpuHold("r1", ["GPU-0"], now.AddSeconds(30), null), now));
        _node.SummarySent(_node.SummaryToSend(now, force: true)!, now);
        Assert.Null(_node.SummaryToSend(now));

        // The hold expires with time alone: the free GPUs change, and the next check tells it.
        _time.Advance(TimeSpan.FromSeconds(31));
        Assert.True(_node.ExpireHolds(_time.GetUtcNow()));
        Assert.Equal(2, _node.SummaryToSend(_time.GetUtcNow())!.FreeGpus);

        // The node falls silent with time alone: no GPU is free any more.
        _node.SummarySent(_node.SummaryToSend(_time.GetUtcNow(), force: true)!, _time.GetUtcNow());
        _time.Advance(_node.OfflineAfter);
        Assert.True(_node.CheckSilence(_time.GetUtcNow()).NodeSilent);
        Assert.Equal(0, _node.SummaryToSend(_time.GetUtcNow())!.FreeGpus);
    }

    [Fact]
    public void Summary_OfflineGpus_CountOfflineAndAddNoUtilizationOrPower()
    {
        Apply(seq: 1, gpus: 2);
        _node.Update([Brief(1, HealthState.Offline)]);

        var summary = _node.SummaryToSend(_time.GetUtcNow())!;

        Assert.Equal(new HealthCounts(1, 0, 0, 1), summary.GpusByHealth);
        Assert.Equal([50.0], summary.GpuUtilPct);
        Assert.Equal(300, summary.PowerW);
    }

    [Fact]
    public void Hold_FractionsOfOneGpu_ShareItAndTakeItOffTheFreeList()
    {
        Apply(seq: 1, gpus: 2);
        var now = _time.GetUtcNow();

        Assert.True(_node.Hold(new GpuHold("r1", ["GPU-0"], now.AddMinutes(5), "task-1") { Milli = 300 }, now));
        Assert.True(_node.Hold(new GpuHold("r2", ["GPU-0"], now.AddMinutes(5), null) { Milli = 700 }, now));
        Assert.False(_node.Hold(new GpuHold("r3", ["GPU-0"], now.AddMinutes(5), null) { Milli = 1 }, now));
        Assert.False(_node.Hold(new GpuHold("r4", ["GPU-0"], now.AddMinutes(5), null), now));

        var summary = _node.SummaryToSend(now, force: true)!;
        Assert.Equal(["GPU-1"], summary.FreeGpuUuids);
        Assert.Equal(new SharedGpu("GPU-0", 1000, Open: false), Assert.Single(summary.SharedGpus));
        Assert.Equal(2, _node.Snapshot()!.Claims.Length);
    }

    [Fact]
    public void Applied_FractionalJobRuns_KeepsItsShareUntilTelemetryDropsIt()
    {
        Apply(seq: 1, gpus: 1);
        var now = _time.GetUtcNow();
        _node.Hold(new GpuHold("r1", ["GPU-0"], now.AddMinutes(5), "task-1") { Milli = 300 }, now);

        Apply(seq: 2, gpus: 1, firstJob: "task-1");
        var claim = Assert.Single(_node.Claims("GPU-0"));
        Assert.Equal((300, "task-1", (DateTimeOffset?)null), (claim.Milli, claim.JobId, claim.ExpiresAt));
        Assert.Equal(new SharedGpu("GPU-0", 300, Open: true), Assert.Single(_node.SummaryToSend(now, force: true)!.SharedGpus));
        Assert.False(_node.ExpireHolds(now.AddHours(1)));

        Apply(seq: 3, gpus: 1);
        Assert.Empty(_node.Claims());
        Assert.Equal(["GPU-0"], _node.SummaryToSend(now, force: true)!.FreeGpuUuids);
    }

    [Fact]
    public void Summary_JobSince_IsItsFirstReportHere_KeptAcrossAMove_AndStartsAgainWhenItComesBack()
    {
        var started = _time.GetUtcNow();
        Apply(seq: 1, gpus: 2, firstJob: "task-1");
        _time.Advance(TimeSpan.FromMinutes(10));
        Apply(seq: 2, gpus: 2, firstJob: "task-1");
        Assert.Equal(started, Assert.Single(_node.SummaryToSend(_time.GetUtcNow(), force: true)!.Jobs).Since);

        var state = new NodeDurableState();
        _node.Remember(state);
        var moved = new NodeMonitor(NodeId, _options, _time.GetUtcNow());
        moved.Restore(state, _time.GetUtcNow());
        Assert.Equal(started, Assert.Single(moved.SummaryToSend(_time.GetUtcNow(), force: true)!.Jobs).Since);

        Apply(seq: 3, gpus: 2);
        _time.Advance(TimeSpan.FromMinutes(1));
        Apply(seq: 4, gpus: 2, firstJob: "task-1");
        Assert.Equal(_time.GetUtcNow(), Assert.Single(_node.SummaryToSend(_time.GetUtcNow(), force: true)!.Jobs).Since);
    }

    // The node grain's timer on a silo that keeps up: a check every period, for span.
    private void CheckEveryPeriodFor(TimeSpan span)
    {
        for (var heard = TimeSpan.Zero; heard < span; heard += _options.CheckPeriod)
        {
            _time.Advance(_options.CheckPeriod);
            _node.Checked(_time.GetUtcNow(), _options.CheckPeriod);
        }
    }

    private void Apply(ulong seq, int gpus, bool jobOnFirst = false, string? firstJob = null)
    {
        var report = Report(seq, gpus);
        firstJob ??= jobOnFirst ? "job-1" : null;
        _node.Applied(report, report.Gpus.Select(g => Brief(g.Index, HealthState.Healthy, g.Index == 0 ? firstJob : null)), _time.GetUtcNow());
    }

    private NodeReport Report(ulong seq, int gpus) => new()
    {
        NodeId = NodeId,
        Seq = seq,
        BootId = "boot-1",
        Gpus = [.. Enumerable.Range(0, gpus).Select(i => SampleBlock.One(_time.GetUtcNow().ToUnixTimeMilliseconds()) with { Index = i, Uuid = $"GPU-{i}" })],
        Gauges = new Dictionary<string, double> { ["cpu_util_pct"] = 12.5 },
    };

    private NodeReport SpreadReport(ulong seq, int samples, int stepMs)
    {
        var newest = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var timestamps = Enumerable.Range(0, samples).Select(i => newest - ((long)(samples - 1 - i) * stepMs)).ToArray();
        return Report(seq, 0) with { Gpus = [SampleBlock.Of(timestamps, (_, _) => { }) with { Uuid = "GPU-0" }] };
    }

    private static GpuBrief Brief(int index, HealthState health, string? jobId = null) => new()
    {
        Uuid = $"GPU-{index}",
        Index = index,
        Model = "NVIDIA B200",
        Health = health,
        JobId = jobId,
        UtilPct = 50,
        PowerW = 300,
    };
}
