using Telemetry.Exporter.Running;
using Telemetry.Exporter.Sources;
using Telemetry.Fields;

namespace Telemetry.Exporter.Tests.Running;

public sealed class ReportBuilderTests
{
    [Fact]
    public void Build_SamplesSinceTheLastReport_OneBlockPerGpuInIndexOrder_SeqCountsFromOne()
    {
        var builder = new ReportBuilder("dc1/node-1", "boot-1");
        builder.Add(1_000, [Reading(1, "GPU-b", util: 10), Reading(0, "GPU-a", util: 20)]);
        builder.Add(1_100, [Reading(1, "GPU-b", util: 11), Reading(0, "GPU-a", util: 21)]);

        var first = builder.Build()!;
        builder.Add(1_200, [Reading(0, "GPU-a", util: 22)]);
        var second = builder.Build()!;

        Assert.Equal((1UL, 2UL), (first.Seq, second.Seq));
        Assert.Equal("boot-1", second.BootId);
        Assert.Equal(["GPU-a", "GPU-b"], first.Gpus.Select(g => g.Uuid));
        Assert.Equal([1_000L, 1_100], first.Gpus[0].Timestamps);
        Assert.Equal([20.0, 21], [first.Gpus[0].Value(0, FieldCatalog.GpuUtilPct), first.Gpus[0].Value(1, FieldCatalog.GpuUtilPct)]);
        Assert.Equal(["GPU-a"], second.Gpus.Select(g => g.Uuid));
        Assert.Null(builder.Build());
    }

    [Fact]
    public void Add_CounterTotals_BecomeDeltas_FirstIsNaN_AResetStartsOver()
    {
        var builder = new ReportBuilder("dc1/node-1", "boot-1");
        builder.Add(1_000, [Reading(0, "GPU-a", dbeTotal: 5)]);
        builder.Add(2_000, [Reading(0, "GPU-a", dbeTotal: 7)]);
        builder.Add(3_000, [Reading(0, "GPU-a", dbeTotal: 7)]);
        builder.Add(4_000, [Reading(0, "GPU-a", dbeTotal: 1)]);

        var gpu = builder.Build()!.Gpus[0];

        var deltas = Enumerable.Range(0, 4).Select(s => gpu.Value(s, FieldCatalog.EccDbeDelta)).ToArray();
        Assert.True(double.IsNaN(deltas[0]));
        Assert.Equal([2.0, 0, 1], deltas[1..]);
    }

    [Fact]
    public void Add_XidsAndJob_AreCarried_ATimestampNotAfterThePreviousIsDropped()
    {
        var builder = new ReportBuilder("dc1/node-1", "boot-1");
        builder.Add(1_000, [Reading(0, "GPU-a") with { Xids = [79] }]);
        builder.Add(1_000, [Reading(0, "GPU-a") with { Xids = [48] }]);
        builder.Add(2_000, [Reading(0, "GPU-a") with { JobId = "4242" }]);

        Assert.Equal(2, builder.SampleCount);
        Assert.Equal(1, builder.XidCount);
        var gpu = builder.Build()!.Gpus[0];
        Assert.Equal([79], gpu.Xids);
        Assert.Equal("4242", gpu.JobId);
        Assert.Equal(0, builder.SampleCount);
    }

    [Fact]
    public void Add_IndexOutsideTheWireRange_IsDropped()
    {
        var builder = new ReportBuilder("dc1/node-1", "boot-1");
        builder.Add(1_000, [Reading(64, "GPU-z"), Reading(3, "GPU-c")]);

        Assert.Equal(["GPU-c"], builder.Build()!.Gpus.Select(g => g.Uuid));
    }

    internal static GpuReading Reading(int index, string uuid, double util = 50, double dbeTotal = double.NaN)
    {
        var values = GpuReading.EmptyValues();
        values[FieldCatalog.GpuUtilPct - 1] = util;
        values[FieldCatalog.EccDbeDelta - 1] = dbeTotal;
        return new GpuReading { Index = index, Uuid = uuid, Model = "NVIDIA H200", Values = values };
    }
}
