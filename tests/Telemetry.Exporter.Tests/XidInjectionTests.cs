using Telemetry.Exporter.Simulation;

namespace Telemetry.Exporter.Tests;

public sealed class XidInjectionTests
{
    private static readonly HashSet<int> Fatal = [.. XidCatalog.Kinds.Where(k => k.Effect is XidEffect.GpuLost or XidEffect.DoubleBitEcc or XidEffect.RowRemapFailure).Select(k => k.Code)];

    [Fact]
    public void Generate_OverManyGpuHours_RaisesXidsAtTheConfiguredRate()
    {
        // 4,000 GPUs for 10 simulated hours at 0.05 faults per GPU-hour: about 2,000 faults. Minute reports keep it fast;
        // the Poisson clocks make the rate independent of the report interval.
        const double rate = 0.05;
        const double intervalMs = 60_000;
        var nodes = Enumerable.Range(1, 500)
            .Select(i => TestNodes.Create($"dc1/node-{i:D4}", intervalMs: intervalMs, samples: 1, xidRate: rate, signalSeed: 99))
            .ToArray();

        long xids = 0;
        double aliveGpuHours = 0;
        foreach (var node in nodes)
        {
            var dead = new bool[8];
            foreach (var report in TestNodes.Run(node, TestNodes.Noon, intervalMs, 600))
            {
                foreach (var gpu in report.Gpus)
                {
                    // Exposure: a lost GPU raises nothing more, so only its working hours count.
                    if (!dead[gpu.Index])
                    {
                        aliveGpuHours += intervalMs / 3_600_000;
                    }

                    xids += gpu.Xids.Length;
                    dead[gpu.Index] |= gpu.Xids.Any(Fatal.Contains);
                }
            }
        }

        var observed = xids / aliveGpuHours;
        Assert.InRange(observed, rate * 0.9, rate * 1.1);
    }

    [Fact]
    public void Generate_LostGpu_KeepsReportingDeadStateWithoutJob()
    {
        // A rate this high loses most GPUs within the hour.
        var node = TestNodes.Create(intervalMs: 1000, samples: 1, xidRate: 20);
        var lostAt = new Dictionary<int, ulong>();
        foreach (var report in TestNodes.Run(node, TestNodes.Noon, 1000, 3600))
        {
            foreach (var gpu in report.Gpus)
            {
                if (lostAt.TryGetValue(gpu.Index, out var seq) && report.Seq > seq)
                {
                    Assert.Null(gpu.JobId);
                    Assert.Equal(0, gpu.Value(0, Fields.FieldCatalog.GpuUtilPct));
                    Assert.Empty(gpu.Xids);
                }
                else if (gpu.Xids.Any(Fatal.Contains))
                {
                    lostAt[gpu.Index] = report.Seq;
                }
            }
        }

        Assert.NotEmpty(lostAt);
    }

    [Fact]
    public void Pick_ManyDraws_FollowsTheWeights()
    {
        var random = new FastRandom(11);
        var counts = new Dictionary<int, int>();
        const int draws = 100_000;
        for (var i = 0; i < draws; i++)
        {
            var code = XidCatalog.Pick(random.NextDouble()).Code;
            counts[code] = counts.GetValueOrDefault(code) + 1;
        }

        var total = XidCatalog.Kinds.Sum(k => k.Weight);
        foreach (var kind in XidCatalog.Kinds)
        {
            Assert.InRange(counts[kind.Code] / (double)draws, (kind.Weight / total) - 0.01, (kind.Weight / total) + 0.01);
        }
    }
}
