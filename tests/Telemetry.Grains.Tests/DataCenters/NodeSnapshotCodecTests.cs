using System.Buffers;
using System.Reflection;
using System.Text.Json;
using Telemetry.Grains.DataCenters;
using Telemetry.Health;
using Telemetry.State;

namespace Telemetry.Grains.Tests.DataCenters;

/// <summary>A data center's nodes packed for durable storage: every compact field back as it was, and bad bytes refused by name.</summary>
public sealed class NodeSnapshotCodecTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.FromHours(9));

    // What a restored node does not need (per-GPU parts) or what is computed from the rest.
    private static readonly string[] NotPacked = [nameof(NodeSummary.GpuBriefs), nameof(NodeSummary.FreeGpuUuids), nameof(NodeSummary.SharedGpus), nameof(NodeSummary.FreeMemoryMib), nameof(NodeSummary.Gpus)];

    [Fact]
    public void Decode_OfEncode_GivesBackEveryCompactField()
    {
        NodeEntry[] entries =
        [
            new(Full("dc1/node-00001"), T0.AddSeconds(-3), TimeSpan.Zero),
            new(Full("dc1/node-00002") with { Drained = false, DrainReason = null, Model = null, LastReportAt = null, Jobs = [], GpuUtilPct = [], Health = HealthState.Unhealthy, GpusByHealth = new HealthCounts(5, 1, 1, 1) }, T0, TimeSpan.FromSeconds(40)),
            new(new NodeSummary { NodeId = "dc1/node-00003", Health = HealthState.Offline, GpusByHealth = new HealthCounts(0, 0, 0, 8) }, T0.AddMinutes(-7), TimeSpan.FromTicks(123_456_789)),
        ];

        var decoded = RoundTrip(entries);

        Assert.Equal(entries.Length, decoded.Length);
        for (var i = 0; i < entries.Length; i++)
        {
            Assert.Equal(Json(Compact(entries[i].Summary)), Json(decoded[i].Summary));
            Assert.Equal((entries[i].ReceivedAt, entries[i].ReceivedAt.Offset, entries[i].Blind), (decoded[i].ReceivedAt, decoded[i].ReceivedAt.Offset, decoded[i].Blind));
        }

        Assert.Equal(TimeSpan.FromHours(9), decoded[0].Summary.LastReportAt!.Value.Offset);
        Assert.Equal(TimeSpan.FromHours(-5), decoded[0].Summary.Jobs[0].Since!.Value.Offset);
        Assert.Null(decoded[0].Summary.Jobs[1].Since);
    }

    [Fact]
    public void Decode_OfEncode_KeepsEveryBitOfEachDouble()
    {
        double[] awkward = [0.1, -0.0, double.Epsilon, 1e308, double.NaN, 33.333333333333336, 99.99999999999999, 0];
        var entry = new NodeEntry(Full("dc1/n") with { GpuUtilPct = awkward, PowerW = 6123.456789012345, Headroom = 1.0 / 3 }, T0, TimeSpan.Zero);

        var summary = RoundTrip([entry])[0].Summary;

        Assert.Equal(awkward.Select(BitConverter.DoubleToInt64Bits), summary.GpuUtilPct.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(BitConverter.DoubleToInt64Bits(6123.456789012345), BitConverter.DoubleToInt64Bits(summary.PowerW));
        Assert.Equal(BitConverter.DoubleToInt64Bits(1.0 / 3), BitConverter.DoubleToInt64Bits(summary.Headroom));
    }

    [Fact]
    public void Decode_OfEncode_NoNodes_GivesNone() => Assert.Empty(RoundTrip([]));

    [Fact]
    public void Full_SetsEveryPropertyThatIsPacked_SoTheRoundTripChecksThemAll()
    {
        // A property added to NodeSummary must be packed by the codec and set in Full, or listed in NotPacked: otherwise
        // a data center restored after a move would silently lose it, and the round trip above would not notice.
        var full = Full("dc1/n");
        var empty = new NodeSummary { NodeId = "", Health = HealthState.Healthy, GpusByHealth = HealthCounts.Zero };
        var packed = typeof(NodeSummary).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => !NotPacked.Contains(p.Name)).ToList();

        Assert.Equal(12, packed.Count);
        Assert.All(packed, p => Assert.NotEqual(JsonSerializer.Serialize(p.GetValue(empty)), JsonSerializer.Serialize(p.GetValue(full))));
    }

    [Fact]
    public void Decode_Truncated_SaysWhereItEnds()
    {
        var bytes = Encode([new NodeEntry(Full("dc1/n"), T0, TimeSpan.Zero)]);

        var e = Assert.Throws<InvalidDataException>(() => NodeSnapshotCodec.Decode(bytes.AsSpan(0, bytes.Length - 3)));

        Assert.StartsWith("data-center snapshot: it ends at byte", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_UnknownFormat_NamesIt()
    {
        var bytes = Encode([]);
        bytes[0] = 9;

        var e = Assert.Throws<InvalidDataException>(() => NodeSnapshotCodec.Decode(bytes));

        Assert.Equal("data-center snapshot: format 9 is not one this silo reads (1).", e.Message);
    }

    [Fact]
    public void Decode_CountLargerThanTheBytesLeft_IsRefusedBeforeAnythingIsAllocated()
    {
        // Format 1, then a node count of 2^28: far more nodes than 5 bytes could hold.
        byte[] bytes = [1, 0x80, 0x80, 0x80, 0x80, 0x01];

        var e = Assert.Throws<InvalidDataException>(() => NodeSnapshotCodec.Decode(bytes));

        Assert.Contains("is more than the 0 bytes left", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_UnknownHealthOrFlags_AreRefused()
    {
        // Format 1, one node "n", then its health: 7 is no health state.
        byte[] badHealth = [1, 1, 1, (byte)'n', 7, 8, 0, 0, 0, 0, 0];
        // The same node, healthy, with 8 GPUs and no free ones, then flags with a bit the format does not define.
        byte[] badFlags = [1, 1, 1, (byte)'n', 0, 8, 0, 0, 0, 0, 0x40];

        Assert.Equal("data-center snapshot: node n has health 7, which is no health state.", Assert.Throws<InvalidDataException>(() => NodeSnapshotCodec.Decode(badHealth)).Message);
        Assert.Equal("data-center snapshot: node n has flags 40, which this format does not define.", Assert.Throws<InvalidDataException>(() => NodeSnapshotCodec.Decode(badFlags)).Message);
    }

    [Fact]
    public void Decode_TrailingBytes_AreRefused()
    {
        var bytes = Encode([new NodeEntry(Full("dc1/n"), T0, TimeSpan.Zero)]);

        var e = Assert.Throws<InvalidDataException>(() => NodeSnapshotCodec.Decode([.. bytes, 0]));

        Assert.Equal("data-center snapshot: bytes follow the last node.", e.Message);
    }

    private static RememberedNode[] RoundTrip(NodeEntry[] entries) => NodeSnapshotCodec.Decode(Encode(entries));

    private static byte[] Encode(NodeEntry[] entries)
    {
        var output = new ArrayBufferWriter<byte>();
        NodeSnapshotCodec.Encode(entries, output);
        return output.WrittenSpan.ToArray();
    }

    private static NodeSummary Compact(NodeSummary summary) => summary with { GpuBriefs = [], FreeGpuUuids = [], SharedGpus = [], FreeMemoryMib = null };

    private static string Json(NodeSummary summary) => JsonSerializer.Serialize(summary);

    // Every property set, the per-GPU parts too (the codec must drop them).
    private static NodeSummary Full(string id) => new()
    {
        NodeId = id,
        Health = HealthState.Degraded,
        GpusByHealth = new HealthCounts(6, 2, 0, 0),
        FreeGpus = 3,
        Drained = true,
        GpuUtilPct = [12.5, 99.75, 0, 100, 33.25, 47, 88.125, 5],
        PowerW = 5432.25,
        LastReportAt = T0.AddSeconds(-2),
        Model = "NVIDIA B200",
        FreeGpuUuids = ["GPU-a", "GPU-b", "GPU-c"],
        FreeMemoryMib = 120_000,
        Headroom = 0.375,
        DrainReason = "firmware update, ticket 4711 — café",
        Jobs = [new JobShare("job-42", 5) { Since = new DateTimeOffset(2026, 2, 28, 7, 30, 0, TimeSpan.FromHours(-5)) }, new JobShare("job-7", 3)],
        GpuBriefs = [new GpuBrief { Uuid = "GPU-a", Index = 0, Model = "NVIDIA B200", Health = HealthState.Healthy }],
        SharedGpus = [new SharedGpu("GPU-d", 250, Open: true)],
    };
}
