using System.Buffers;
using System.Text.RegularExpressions;
using Telemetry.Exporter.Simulation;
using Telemetry.Wire;

namespace Telemetry.Exporter.Tests;

public sealed partial class DeterminismTests
{
    [Fact]
    public void Generate_SameSeedsAndTimes_ProducesIdenticalBytes()
    {
        var a = Encode(TestNodes.Create(signalSeed: 42, xidRate: 5), 600);
        var b = Encode(TestNodes.Create(signalSeed: 42, xidRate: 5), 600);

        Assert.Equal(a, b);
    }

    [Fact]
    public void Generate_DifferentSignalSeed_ProducesDifferentValuesButSameGpus()
    {
        var a = TestNodes.Create(signalSeed: 1);
        var b = TestNodes.Create(signalSeed: 2);

        Assert.NotEqual(Encode(a, 60), Encode(b, 60));
        Assert.Equal(a.GpuUuidList, b.GpuUuidList);
    }

    [Fact]
    public void GpuUuids_ByIdentitySeedAndNode_AreStableWellFormedAndDistinct()
    {
        var first = TestNodes.Create("dc1/node-0001", identitySeed: 7).GpuUuidList.ToArray();
        var again = TestNodes.Create("dc1/node-0001", identitySeed: 7).GpuUuidList.ToArray();
        var otherNode = TestNodes.Create("dc1/node-0002", identitySeed: 7).GpuUuidList.ToArray();
        var otherSeed = TestNodes.Create("dc1/node-0001", identitySeed: 8).GpuUuidList.ToArray();

        Assert.Equal(first, again);
        Assert.All(first, uuid => Assert.Matches(UuidPattern(), uuid));
        Assert.Equal(8, first.Distinct().Count());
        Assert.Empty(first.Intersect(otherNode));
        Assert.Empty(first.Intersect(otherSeed));
    }

    [Fact]
    public void Build_Fleet_NamesNodesAndGivesEachItsOwnBootId()
    {
        var options = new SimulatorOptions { DataCenters = ["east", "west"], NodesPerDataCenter = 3, Seed = 5 };

        var nodes = FleetLayout.Build(options, FleetLayout.SignalSeed(options.Seed));

        Assert.Equal(["east/node-0001", "west/node-0001", "east/node-0002", "west/node-0002", "east/node-0003", "west/node-0003"], nodes.Select(n => n.NodeId));
        Assert.All(nodes, n => Assert.True(NodeIds.IsValid(n.NodeId)));
        Assert.Equal(6, nodes.Select(n => n.BootId).Distinct().Count());
        Assert.All(nodes, n => Assert.True(Guid.TryParse(n.BootId, out _)));
    }

    [Fact]
    public void Build_ModelMix_GivesEachModelAboutItsShare()
    {
        var options = new SimulatorOptions
        {
            DataCenters = ["dc1"],
            NodesPerDataCenter = 2000,
            Models = [new(GpuModelSpec.B200, 3), new(GpuModelSpec.H200, 1)],
        };

        var nodes = FleetLayout.Build(options, 1);

        var h200 = nodes.Count(n => n.Model == GpuModelSpec.H200) / (double)nodes.Length;
        Assert.InRange(h200, 0.2, 0.3);
    }

    private static byte[] Encode(NodeSimulator node, int reports)
    {
        var output = new ArrayBufferWriter<byte>();
        foreach (var report in TestNodes.Run(node, TestNodes.Noon, 1000, reports))
        {
            NodeReportWriter.Write(output, report, singlePrecision: true);
        }

        return output.WrittenSpan.ToArray();
    }

    [GeneratedRegex("^GPU-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex UuidPattern();
}
