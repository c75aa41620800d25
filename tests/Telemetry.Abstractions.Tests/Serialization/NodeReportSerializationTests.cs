using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Serialization.Cloning;
using Telemetry.Fields;
using Telemetry.Wire;

namespace Telemetry.Abstractions.Tests.Serialization;

/// <summary>The wire types carry no Orleans attributes; their surrogates must still take them across silos whole.</summary>
public sealed class NodeReportSerializationTests
{
    private static readonly ServiceProvider Services = new ServiceCollection().AddSerializer().BuildServiceProvider();

    [Fact]
    public void Serializer_NodeReport_RoundTripsEveryField()
    {
        var report = Report();
        var serializer = Services.GetRequiredService<Serializer>();

        var copy = serializer.Deserialize<NodeReport>(serializer.SerializeToArray(report))!;

        Assert.Equal(
            (report.NodeId, report.Seq, report.BootId, report.SkippedFields, report.HostBootId),
            (copy.NodeId, copy.Seq, copy.BootId, copy.SkippedFields, copy.HostBootId));
        Assert.Equal(report.Gauges, copy.Gauges);
        var gpu = Assert.Single(copy.Gpus);
        var sent = report.Gpus[0];
        Assert.Equal((sent.Index, sent.Uuid, sent.Model, sent.JobId), (gpu.Index, gpu.Uuid, gpu.Model, gpu.JobId));
        Assert.Equal(sent.Timestamps, gpu.Timestamps);
        Assert.Equal(sent.Values, gpu.Values);
        Assert.Equal(sent.Xids, gpu.Xids);
    }

    [Fact]
    public void DeepCopier_NodeReport_PassesTheSameInstance()
    {
        var report = Report();

        Assert.Same(report, Services.GetRequiredService<DeepCopier<NodeReport>>().Copy(report));
        Assert.Same(report.Gpus[0], Services.GetRequiredService<DeepCopier<GpuSamples>>().Copy(report.Gpus[0]));
    }

    private static NodeReport Report() => new()
    {
        NodeId = "dc1/node-0001",
        Seq = 42,
        BootId = "boot-1",
        Gauges = new Dictionary<string, double> { ["cpu_util_pct"] = 12.5 },
        SkippedFields = 1,
        HostBootId = "host-boot-1",
        Gpus =
        [
            new GpuSamples
            {
                Index = 3,
                Uuid = "GPU-0000",
                Model = "NVIDIA B200",
                JobId = "job-7",
                Timestamps = [1_000, 2_000],
                Values = [.. Enumerable.Range(0, 2 * FieldCatalog.Count).Select(i => (double)i)],
                Xids = [79],
            },
        ],
    };
}
