using System.Text.RegularExpressions;
using Telemetry.Exporter.Simulation;
using Telemetry.Fields;

namespace Telemetry.Exporter.Tests;

public sealed partial class SignalModelTests
{
    private const int Hours = 4;

    [Theory]
    [InlineData("B200")]
    [InlineData("H200")]
    public void Generate_OverHours_StaysWithinPhysicalLimits(string modelName)
    {
        Assert.True(GpuModelSpec.TryFind(modelName, out var model));
        var node = TestNodes.Create(model: model);
        var rows = 0;
        foreach (var report in TestNodes.Run(node, TestNodes.Noon, 1000, Hours * 3600))
        {
            foreach (var gpu in report.Gpus)
            {
                for (var s = 0; s < gpu.SampleCount; s++)
                {
                    rows++;
                    Assert.InRange(gpu.Value(s, FieldCatalog.GpuUtilPct), 0, 100);
                    Assert.InRange(gpu.Value(s, FieldCatalog.MemCopyUtilPct), 0, 100);
                    Assert.InRange(gpu.Value(s, FieldCatalog.SmActive), 0, 1);
                    Assert.InRange(gpu.Value(s, FieldCatalog.TensorActive), 0, gpu.Value(s, FieldCatalog.SmActive));
                    Assert.InRange(gpu.Value(s, FieldCatalog.FbUsedMib), 0, model.FbTotalMib);
                    Assert.Equal(model.FbTotalMib, gpu.Value(s, FieldCatalog.FbTotalMib));
                    Assert.InRange(gpu.Value(s, FieldCatalog.PowerW), model.IdlePowerW * 0.6, model.PowerLimitW * 1.01);
                    Assert.Equal(model.PowerLimitW, gpu.Value(s, FieldCatalog.PowerLimitW));
                    Assert.InRange(gpu.Value(s, FieldCatalog.GpuTempC), 25, 100);
                    Assert.InRange(gpu.Value(s, FieldCatalog.SmClockMhz), 0, model.MaxSmClockMhz);
                }
            }
        }

        Assert.Equal(Hours * 3600 * 8 * 10, rows);
    }

    [Fact]
    public void Generate_IdleGpu_HasNoJobIdAndNoActivity()
    {
        var node = TestNodes.Create();
        int idleBlocks = 0, busyBlocks = 0;
        foreach (var report in TestNodes.Run(node, TestNodes.Noon, 1000, 3 * 3600))
        {
            foreach (var gpu in report.Gpus)
            {
                if (gpu.JobId is null)
                {
                    idleBlocks++;
                    Assert.All(TestNodes.Column(gpu, FieldCatalog.SmActive), v => Assert.Equal(0, v));
                    Assert.All(TestNodes.Column(gpu, FieldCatalog.TensorActive), v => Assert.Equal(0, v));
                    Assert.All(TestNodes.Column(gpu, FieldCatalog.NvlinkTxBytesPerSec), v => Assert.Equal(0, v));
                }
                else
                {
                    busyBlocks++;
                    Assert.Matches(JobIdPattern(), gpu.JobId);
                }
            }
        }

        // Both states occur over three hours: jobs start, end, and leave gaps.
        Assert.True(idleBlocks > 0, "no idle GPU in three hours");
        Assert.True(busyBlocks > idleBlocks, "a busy cluster should mostly run jobs");
    }

    [Fact]
    public void Generate_JobsAcrossNodeGpus_ShareJobIds()
    {
        var node = TestNodes.Create();
        var shared = 0;
        foreach (var report in TestNodes.Run(node, TestNodes.Noon, 1000, 3600))
        {
            shared += report.Gpus.Where(g => g.JobId is not null).GroupBy(g => g.JobId).Count(g => g.Count() > 1);
        }

        Assert.True(shared > 0, "multi-GPU jobs should put one job id on several GPUs");
    }

    [Fact]
    public void Generate_PowerAndTemperature_FollowLoad()
    {
        var node = TestNodes.Create(samples: 1);
        List<double> util = [], power = [], temp = [];
        foreach (var report in TestNodes.Run(node, TestNodes.Noon, 1000, 6 * 3600))
        {
            foreach (var gpu in report.Gpus)
            {
                util.Add(gpu.Value(0, FieldCatalog.GpuUtilPct));
                power.Add(gpu.Value(0, FieldCatalog.PowerW));
                temp.Add(gpu.Value(0, FieldCatalog.GpuTempC));
            }
        }

        Assert.True(TestNodes.Correlation(util, power) > 0.8, "power should track utilization");
        Assert.True(TestNodes.Correlation(power, temp) > 0.6, "temperature should track power");
    }

    [Fact]
    public void Sample_JobStarts_PowerRisesFasterThanTemperature()
    {
        var model = GpuModelSpec.B200;
        var gpu = new SimulatedGpu(0, "GPU-test", 1);
        var random = new FastRandom(7);
        var step = SampleStep.For(100);
        var row = new double[FieldCatalog.Count];
        var t = TestNodes.Noon;
        for (var i = 0; i < 600; i++, t += 100)
        {
            SignalModel.Sample(gpu, model, t, step, 0.9, ref random, row);
        }

        var idlePower = row[FieldCatalog.PowerW - 1];
        var idleTemp = row[FieldCatalog.GpuTempC - 1];
        gpu.Job = HeavyJob(t - 60_000);
        var at = new Dictionary<int, (double Power, double Temp)>();
        for (var i = 1; i <= 3000; i++, t += 100)
        {
            SignalModel.Sample(gpu, model, t, step, 0.9, ref random, row);
            at[i] = (row[FieldCatalog.PowerW - 1], row[FieldCatalog.GpuTempC - 1]);
        }

        Assert.InRange(idlePower, 120, 160);
        Assert.True(at[50].Power > idlePower + 500, "power should follow load within seconds");
        Assert.True(at[50].Temp < at[3000].Temp - 10, "temperature should lag by tens of seconds");
        Assert.True(at[3000].Temp > idleTemp + 20, "a busy GPU runs much hotter than an idle one");
    }

    [Fact]
    public void Sample_HotGpuUnderLoad_ReportsThermalClockEvents()
    {
        var model = GpuModelSpec.B200;
        var gpu = new SimulatedGpu(0, "GPU-test", 1) { CoolingOffsetC = 16 };
        var random = new FastRandom(3);
        var step = SampleStep.For(1000);
        var row = new double[FieldCatalog.Count];
        gpu.Job = HeavyJob(TestNodes.Noon - 60_000);
        var thermal = 0;
        for (var i = 0; i < 600; i++)
        {
            SignalModel.Sample(gpu, model, TestNodes.Noon + (i * 1000L), step, 0.9, ref random, row);
            var reasons = (ClockEventReasons)(long)row[FieldCatalog.ClockEventReasons - 1];
            if (reasons.HasFlag(ClockEventReasons.SwThermalSlowdown))
            {
                thermal++;
                Assert.True(row[FieldCatalog.SmClockMhz - 1] < model.MaxSmClockMhz, "throttled clocks drop");
            }
        }

        Assert.True(thermal > 100, $"a badly cooled GPU at full load should throttle often, got {thermal}");
    }

    internal static SimulatedJob HeavyJob(long startedAt) => new()
    {
        Id = "job-000000000001",
        Kind = JobKind.Training,
        GpuCount = 8,
        StartedAtMs = startedAt,
        EndsAtMs = long.MaxValue,
        Intensity = 0.97,
        SmEfficiency = 0.9,
        TensorShare = 0.8,
        MemoryShare = 0.9,
        MemCopyPct = 40,
        PcieShare = 0.05,
        NvlinkShare = 0.5,
        CheckpointEveryMs = long.MaxValue / 4,
        CheckpointForMs = 1,
    };

    [GeneratedRegex("^job-[0-9a-f]{12}$")]
    private static partial Regex JobIdPattern();
}
