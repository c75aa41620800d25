using Telemetry.Grains.Jobs;
using Telemetry.Jobs;

namespace Telemetry.Grains.Tests.Jobs;

public class StragglerDetectorTests
{
    private static readonly StragglerOptions Defaults = new();

    [Fact]
    public void Add_OneGpuLagsThreeWindowsInARow_BecomesStragglerNamingSignalValueAndMedian()
    {
        var detector = new StragglerDetector(Defaults);

        var first = Run(detector, 8, 0, 2, Lagging(3));
        var third = Run(detector, 8, 2, 1, Lagging(3));

        Assert.Empty(first);
        var found = Assert.Single(third);
        Assert.Equal(FindingKind.Became, found.Kind);
        Assert.Equal(TrainingWindows.Uuid(3), found.Uuid);
        Assert.Equal("sm_active 0.35 vs job median 0.90 for 30 s", found.Reason);
        Assert.EndsWith(StragglerActions.IfItPersists, found.Action, StringComparison.Ordinal);
        Assert.Equal([TrainingWindows.Uuid(3)], detector.Stragglers());
        Assert.Equal(30_000, found.WindowEndMs);
    }

    [Fact]
    public void Add_AllGpusSlowDownTogether_FindsNoStraggler()
    {
        var detector = new StragglerDetector(Defaults);

        // A data loader stall: every GPU at 40 % of its work for a minute.
        var findings = Run(detector, 8, 0, 6, (_, w) => TrainingWindows.Busy(GpuOf(w), w.BucketStartMs / 10_000, scale: 0.4));

        Assert.Empty(findings);
        Assert.Empty(detector.Stragglers());
    }

    [Fact]
    public void Add_NoisyButSymmetricJob_FindsNoStragglerInTenThousandWindows()
    {
        var detector = new StragglerDetector(Defaults);
        var random = new Random(15);

        // ±10 % uniform noise on every signal of every GPU, independently each window.
        var findings = Run(detector, 16, 0, 10_000, (_, w) => w with
        {
            SmActive = w.SmActive * Noise(random),
            PowerW = w.PowerW * Noise(random),
            SmClockMhz = w.SmClockMhz * Noise(random),
            NvlinkBytesPerSec = w.NvlinkBytesPerSec * Noise(random),
            PcieBytesPerSec = w.PcieBytesPerSec * Noise(random),
        });

        Assert.Empty(findings);
    }

    [Fact]
    public void Add_TwoGpuJob_IsNeverCompared()
    {
        var detector = new StragglerDetector(Defaults);

        var findings = Run(detector, 2, 0, 10, Lagging(1));

        Assert.Empty(findings);
        Assert.Empty(detector.Stragglers());
    }

    [Fact]
    public void Leave_StragglerLeavesMidJob_ClearsIt()
    {
        var detector = new StragglerDetector(Defaults);
        Run(detector, 8, 0, 3, Lagging(3));

        var findings = detector.Leave(TrainingWindows.Uuid(3));

        var cleared = Assert.Single(findings);
        Assert.Equal(FindingKind.Cleared, cleared.Kind);
        Assert.Equal("left the job", cleared.Reason);
        Assert.Empty(detector.Stragglers());
        Assert.Equal(7, detector.Count);
    }

    [Fact]
    public void Add_HealthyGpuStopsSendingMidJob_IsNotAStragglerAndExpires()
    {
        var detector = new StragglerDetector(Defaults);
        Run(detector, 5, 0, 3);

        // GPU 4 is gone (its grain went away without a word): the other four carry on.
        var findings = new List<StragglerFinding>();
        for (var bucket = 3; bucket < 13; bucket++)
        {
            foreach (var window in TrainingWindows.Bucket(4, bucket))
            {
                findings.AddRange(detector.Add(window));
            }
        }

        Assert.Empty(findings);
        Assert.Equal(4, detector.Count);
        Assert.NotNull(detector.ComparedBucketStartMs);
        Assert.Equal(120_000, detector.ComparedBucketStartMs);
    }

    [Fact]
    public void Add_JobShrinksBelowMinimum_ClearsItsStragglers()
    {
        var detector = new StragglerDetector(Defaults);
        Run(detector, 4, 0, 3, Lagging(0));

        var findings = detector.Leave(TrainingWindows.Uuid(1));

        Assert.Equal(FindingKind.Cleared, Assert.Single(findings).Kind);
        Assert.Empty(detector.Stragglers());
    }

    [Fact]
    public void Add_StragglerBackJustInsideTheBand_StaysUntilItKeepsUpWell()
    {
        var detector = new StragglerDetector(Defaults);
        Run(detector, 8, 0, 3, Lagging(3));

        // 15 % below the median: no longer lagging (the gap is 20 %), but not within half of it either.
        var edge = Run(detector, 8, 3, 5, (g, w) => g == 3 ? w with { SmActive = 0.9 * 0.85 } : w);
        var recovering = Run(detector, 8, 8, 2);
        var recovered = Run(detector, 8, 10, 1);

        Assert.All(edge, f => Assert.Equal(FindingKind.Still, f.Kind));
        Assert.All(recovering, f => Assert.Equal(FindingKind.Still, f.Kind));
        var cleared = Assert.Single(recovered);
        Assert.Equal(FindingKind.Cleared, cleared.Kind);
        Assert.Equal("keeps up with the job again for 30 s", cleared.Reason);
    }

    [Fact]
    public void Add_PeersIdle_IsNoEvidence()
    {
        var detector = new StragglerDetector(Defaults);
        Run(detector, 8, 0, 2, Lagging(3));

        // A checkpoint: the whole job idles, then the GPU lags again once.
        var idle = Run(detector, 8, 2, 3, (_, w) => w with { SmActive = 0.01, GpuUtilPct = 1 });
        var after = Run(detector, 8, 5, 1, Lagging(3));

        Assert.Empty(idle);
        Assert.Equal(FindingKind.Became, Assert.Single(after).Kind);
    }

    [Fact]
    public void Add_ThrottledGpu_ActionPointsAtCoolingWithTheReasonBits()
    {
        var detector = new StragglerDetector(Defaults);

        // GPU 3 thermally throttled: clock 1100, power 424, HW slowdown and HW thermal bits set.
        var findings = Run(detector, 8, 0, 3, (g, w) => g == 3 ? w with { SmClockMhz = 1100, PowerW = 424, ClockEventReasons = 0x48 } : w);

        var found = Assert.Single(findings);
        Assert.Equal("power_w 424 vs job median 900 for 30 s", found.Reason);
        Assert.StartsWith("check clocks and cooling: the GPU reports thermal or power slowdown (clock_event_reasons 0x48)", found.Action, StringComparison.Ordinal);
        var gpu = detector.Gpus().Single(g => g.Straggler);
        Assert.Equal(["power_w 424 vs job median 900 for 30 s", "sm_clock_mhz 1100 vs job median 1950 for 0 s"], gpu.Reasons);
        Assert.Equal(1100, gpu.Signals["sm_clock_mhz"]);
    }

    [Fact]
    public void Add_SlowPcieLinkOnly_IsFoundOnPcie()
    {
        var detector = new StragglerDetector(Defaults);

        var findings = Run(detector, 8, 0, 3, (g, w) => g == 5 ? w with { PcieBytesPerSec = 5e9 } : w);

        var found = Assert.Single(findings);
        Assert.Equal("pcie_bytes_s 5.0 GB/s vs job median 20.0 GB/s for 30 s", found.Reason);
        Assert.StartsWith("check the PCIe link", found.Action, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_StragglerStaysLagging_IsRefreshedEachWindow()
    {
        var detector = new StragglerDetector(Defaults);
        Run(detector, 8, 0, 3, Lagging(3));

        var later = Run(detector, 8, 3, 4, Lagging(3));

        Assert.Equal(4, later.Count);
        Assert.All(later, f => Assert.Equal(FindingKind.Still, f.Kind));
        Assert.Equal("sm_active 0.35 vs job median 0.90 for 30 s", later[^1].Reason);
    }

    [Fact]
    public void Add_ANodeReportsLate_TheWindowWaitsForIt()
    {
        var detector = new StragglerDetector(Defaults);
        Run(detector, 8, 0, 3);
        var windows = TrainingWindows.Bucket(8, 3, Lagging(3)).ToArray();

        foreach (var window in windows[..7])
        {
            detector.Add(window);
        }

        Assert.Equal(20_000, detector.ComparedBucketStartMs);
        detector.Add(windows[7]);
        Assert.Equal(30_000, detector.ComparedBucketStartMs);
    }

    [Fact]
    public void Add_FirstBucketOfAJob_WaitsForTheGpusThatReportLater()
    {
        var detector = new StragglerDetector(Defaults);

        // The job's first node reports before its second: bucket 0 must not be judged on the first node alone.
        foreach (var window in TrainingWindows.Bucket(8, 0).Take(4))
        {
            detector.Add(window);
        }

        Assert.Null(detector.ComparedBucketStartMs);
        var findings = Run(detector, 8, 0, 3, Lagging(6));
        Assert.Equal(FindingKind.Became, Assert.Single(findings).Kind);
    }

    [Fact]
    public void Add_FindingsOfOneCall_AreNotChangedByTheNext()
    {
        var detector = new StragglerDetector(Defaults);
        Run(detector, 8, 0, 3, Lagging(3));
        var windows = TrainingWindows.Bucket(8, 3, Lagging(3)).ToArray();
        foreach (var window in windows[..7])
        {
            detector.Add(window);
        }

        // The eighth window completes bucket 3: the straggler is found still lagging.
        var kept = detector.Add(windows[7]);
        var still = Assert.Single(kept);

        // The next call finds nothing; what the previous one answered stays as it was.
        Assert.Empty(detector.Add(TrainingWindows.Bucket(8, 4, Lagging(3)).First()));
        Assert.Same(still, Assert.Single(kept));
        Assert.Equal(FindingKind.Still, still.Kind);
    }

    [Fact]
    public void Add_ManyBucketsInTurn_JudgesEachOnceInOrder()
    {
        var detector = new StragglerDetector(Defaults);
        var compared = new List<long?>();

        // Buckets judged one after another reuse one set of windows: each must be judged on its own windows only.
        for (var bucket = 0; bucket < 20; bucket++)
        {
            foreach (var window in TrainingWindows.Bucket(8, bucket, bucket >= 10 ? Lagging(5) : null))
            {
                detector.Add(window);
            }

            compared.Add(detector.ComparedBucketStartMs);
        }

        // The job's first bucket waits for a bucket two newer; from then on each bucket is judged as it completes.
        Assert.Equal([null, null, .. Enumerable.Range(2, 18).Select(b => (long?)(b * 10_000L))], compared);
        Assert.Equal([TrainingWindows.Uuid(5)], detector.Stragglers());
    }

    private static Func<int, JobWindow, JobWindow> Lagging(int gpu) =>
        (g, w) => g == gpu ? w with { SmActive = 0.35 } : w;

    private static int GpuOf(JobWindow window) => int.Parse(window.Uuid.AsSpan(4), System.Globalization.CultureInfo.InvariantCulture);

    private static double Noise(Random random) => 0.9 + (random.NextDouble() * 0.2);

    private static List<StragglerFinding> Run(StragglerDetector detector, int gpus, long firstBucket, int buckets, Func<int, JobWindow, JobWindow>? change = null)
    {
        var findings = new List<StragglerFinding>();
        for (var bucket = firstBucket; bucket < firstBucket + buckets; bucket++)
        {
            foreach (var window in TrainingWindows.Bucket(gpus, bucket, change))
            {
                findings.AddRange(detector.Add(window));
            }
        }

        return findings;
    }
}
