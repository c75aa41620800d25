using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Telemetry.Grains.DataCenters;
using Telemetry.Health;
using Telemetry.State;

namespace Telemetry.Grains.Tests.DataCenters;

/// <summary>A data center's totals across a move to another silo: restored whole, dropped only when proven silent.</summary>
public sealed class DataCenterAggregateTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly ServiceProvider Services = new ServiceCollection().AddSerializer().BuildServiceProvider();

    [Fact]
    public void Restore_RightAfterAMove_CountsEveryNodeAsBefore()
    {
        var before = Aggregate(T0, Node("dc1/n1", T0), Node("dc1/n2", T0), Node("dc1/n3", T0.AddSeconds(-20)));
        var expected = before.Summarize(T0.AddSeconds(1), 1);

        var after = Moved(before, savedAt: T0.AddSeconds(1), activatedAt: T0.AddSeconds(3));

        var summary = after.Summarize(T0.AddSeconds(3), 1);
        Assert.Equal(3, summary.Nodes);
        Assert.Equal(expected.GpusByHealth, summary.GpusByHealth);
        Assert.Equal(expected.PowerW, summary.PowerW);
        Assert.Equal(expected.FreeGpus, summary.FreeGpus);
        Assert.Equal(expected.Utilization, summary.Utilization);
    }

    [Fact]
    public void Restore_LongAfterTheWrite_DoesNotCountTheTimeItCouldNotHearAsSilence()
    {
        // Written 30 s before the crash, restored 10 s after it: 40 s later than the summaries, beyond StaleAfter.
        var before = Aggregate(T0, Node("dc1/n1", T0));
        var after = Moved(before, savedAt: T0, activatedAt: T0.AddSeconds(40));

        Assert.Equal(0, after.Summarize(T0.AddSeconds(40), 1).GpusByHealth.Offline);
        Assert.Equal(8, after.Summarize(T0.AddSeconds(40), 1).GpusByHealth.Healthy);
    }

    [Fact]
    public void Restore_NodeStaysUnheard_IsOfflineOnceStaleAfterPassesFromTheRestore()
    {
        var before = Aggregate(T0, Node("dc1/n1", T0));
        var activatedAt = T0.AddSeconds(40);
        var after = Moved(before, savedAt: T0, activatedAt: activatedAt);

        Assert.Equal(0, after.Summarize(activatedAt + DataCenterAggregate.StaleAfter, 1).GpusByHealth.Offline);
        Assert.Equal(8, after.Summarize(activatedAt + DataCenterAggregate.StaleAfter + TimeSpan.FromSeconds(1), 1).GpusByHealth.Offline);
    }

    [Fact]
    public void Restore_NodeAlreadySilentWhenWritten_KeepsItsSilenceAndDropsOnTime()
    {
        // Its exporter last reported 30 s before the write: 5 s of the 35 are left after the restore.
        var before = Aggregate(T0, Node("dc1/n1", T0.AddSeconds(-30)));
        var after = Moved(before, savedAt: T0, activatedAt: T0.AddSeconds(20));

        Assert.Equal(0, after.Summarize(T0.AddSeconds(25), 1).GpusByHealth.Offline);
        Assert.Equal(8, after.Summarize(T0.AddSeconds(26), 1).GpusByHealth.Offline);
    }

    [Fact]
    public void Restore_NodeOfflineWhenWritten_StaysOffline()
    {
        var before = Aggregate(T0, Node("dc1/n1", T0) with { Health = HealthState.Offline });
        var after = Moved(before, savedAt: T0, activatedAt: T0.AddSeconds(2));

        Assert.Equal(8, after.Summarize(T0.AddSeconds(2), 1).GpusByHealth.Offline);
    }

    [Fact]
    public void Restore_TwoMovesInARow_CarryTheEarlierBlindTimeToo()
    {
        // Restored at +40 (40 s blind), never heard, written at +45, restored again at +60 (15 s blind): it read
        // 45 s after its last report at the write, of which 40 were blind, so it has 30 s left.
        var first = Moved(Aggregate(T0, Node("dc1/n1", T0)), savedAt: T0, activatedAt: T0.AddSeconds(40));
        var second = Moved(first, savedAt: T0.AddSeconds(45), activatedAt: T0.AddSeconds(60));

        Assert.Equal(0, second.Summarize(T0.AddSeconds(90), 1).GpusByHealth.Offline);
        Assert.Equal(8, second.Summarize(T0.AddSeconds(91), 1).GpusByHealth.Offline);
    }

    [Fact]
    public void Update_AfterRestore_FreshSummaryReplacesTheRememberedOne()
    {
        var after = Moved(Aggregate(T0, Node("dc1/n1", T0)), savedAt: T0, activatedAt: T0.AddSeconds(40));
        after.Update(Node("dc1/n1", T0.AddSeconds(41)) with { PowerW = 1234 }, T0.AddSeconds(41));

        Assert.Equal(1234, after.Summarize(T0.AddSeconds(42), 1).PowerW);
        Assert.Equal(8, after.Summarize(T0.AddSeconds(41) + DataCenterAggregate.StaleAfter + TimeSpan.FromSeconds(1), 1).GpusByHealth.Offline);
    }

    [Fact]
    public void Update_NewNodeOrHealthChange_IsMaterial_HeartbeatIsNot()
    {
        var aggregate = new DataCenterAggregate("dc1");

        Assert.True(aggregate.Update(Node("dc1/n1", T0), T0));
        Assert.False(aggregate.Update(Node("dc1/n1", T0.AddSeconds(10)) with { PowerW = 999 }, T0.AddSeconds(10)));
        Assert.True(aggregate.Update(Node("dc1/n1", T0.AddSeconds(20)) with { GpusByHealth = new HealthCounts(7, 0, 1, 0), Health = HealthState.Unhealthy }, T0.AddSeconds(20)));
        Assert.True(aggregate.Update(Node("dc1/n1", T0.AddSeconds(30)) with { GpusByHealth = new HealthCounts(7, 0, 1, 0), Health = HealthState.Unhealthy, Drained = true }, T0.AddSeconds(30)));
    }

    [Fact]
    public void Remember_DropsThePerGpuParts_AndSerializesToAFractionOfTheFullSummaries()
    {
        var aggregate = Aggregate(T0, [.. Enumerable.Range(0, 100).Select(i => Node($"dc1/n{i:D4}", T0))]);
        var serializer = Services.GetRequiredService<Serializer>();

        var state = aggregate.Remember(T0);
        var copy = serializer.Deserialize<DataCenterDurableState>(serializer.SerializeToArray(state))!;

        var remembered = NodeSnapshotCodec.Decode(copy.Packed);
        Assert.Equal(100, remembered.Length);
        Assert.All(remembered, n => Assert.Empty(n.Summary.GpuBriefs));
        Assert.Equal(aggregate.Summarize(T0, 1), Restored(copy, T0).Summarize(T0, 1));
        var full = serializer.SerializeToArray(Enumerable.Range(0, 100).Select(i => Node($"dc1/n{i:D4}", T0)).ToArray()).Length;
        Assert.True(serializer.SerializeToArray(state).Length * 3 < full, $"{serializer.SerializeToArray(state).Length} bytes written against {full} for the full summaries");
    }

    [Fact]
    public void Restore_StateWrittenAsAListOfNodes_ByAnEarlierBuild_CountsThemAll()
    {
        var before = Aggregate(T0, Node("dc1/n1", T0), Node("dc1/n2", T0) with { Health = HealthState.Unhealthy, GpusByHealth = new HealthCounts(7, 0, 1, 0) });
        var listed = new DataCenterDurableState
        {
            SavedAt = T0,
            Nodes = [.. NodeSnapshotCodec.Decode(before.Remember(T0).Packed)],
        };
        var serializer = Services.GetRequiredService<Serializer>();
        var stored = serializer.Deserialize<DataCenterDurableState>(serializer.SerializeToArray(listed))!;

        Assert.Null(stored.Packed);
        Assert.Equal(before.Summarize(T0.AddSeconds(5), 1), Restored(stored, T0.AddSeconds(5)).Summarize(T0.AddSeconds(5), 1));
    }

    [Fact]
    public void Signals_CountTheRoomOnOpenSharedGpus_OfReportingNodesOnly_AndThePressureReadsIt()
    {
        var shared = Node("dc1/n1", T0) with
        {
            FreeGpus = 0,
            FreeGpuUuids = [],
            SharedGpus = [new SharedGpu("GPU-a", 300, Open: true), new SharedGpu("GPU-b", 900, Open: true), new SharedGpu("GPU-c", 500, Open: false)],
        };
        var silent = Node("dc1/n2", T0.AddMinutes(-10)) with { SharedGpus = [new SharedGpu("GPU-d", 100, Open: true)] };
        var aggregate = Aggregate(T0, shared);
        aggregate.Update(silent, T0.AddMinutes(-10));

        var signals = aggregate.Signals(T0, 1);
        var pressure = Telemetry.Grains.Rebalancing.DataCenterPressure.Of(signals);

        // 0.7 + 0.1 GPUs free on the open shared GPUs of the reporting node; nothing of the closed one or the silent node.
        Assert.Equal(0.8, signals.SharedFreeGpus, 6);
        Assert.Equal(0.8 / 8, pressure.FreeShare, 6);
        Assert.Equal(0, pressure.FreeGpus);
    }

    private static DataCenterAggregate Moved(DataCenterAggregate before, DateTimeOffset savedAt, DateTimeOffset activatedAt) =>
        Restored(before.Remember(savedAt), activatedAt);

    private static DataCenterAggregate Restored(DataCenterDurableState state, DateTimeOffset activatedAt)
    {
        var after = new DataCenterAggregate("dc1");
        after.Restore(state, activatedAt);
        return after;
    }

    private static DataCenterAggregate Aggregate(DateTimeOffset receivedAt, params NodeSummary[] nodes)
    {
        var aggregate = new DataCenterAggregate("dc1");
        foreach (var node in nodes)
        {
            aggregate.Update(node, receivedAt);
        }

        return aggregate;
    }

    private static NodeSummary Node(string id, DateTimeOffset lastReportAt) => new()
    {
        NodeId = id,
        Health = HealthState.Healthy,
        GpusByHealth = new HealthCounts(8, 0, 0, 0),
        FreeGpus = 2,
        GpuUtilPct = [10, 20, 30, 40, 50, 60, 70, 80],
        PowerW = 3200,
        LastReportAt = lastReportAt,
        Model = "NVIDIA B200",
        FreeGpuUuids = [$"GPU-{id}-6", $"GPU-{id}-7"],
        GpuBriefs = [.. Enumerable.Range(0, 8).Select(i => new GpuBrief
        {
            Uuid = $"GPU-{id.Replace('/', '-')}-{i:D2}-0f3c2a9e-5b1d-4e8a-9c7f",
            Index = i,
            Model = "NVIDIA B200",
            Health = HealthState.Healthy,
            UtilPct = 10 * (i + 1),
            PowerW = 400,
            TempC = 55,
            FbFreeMib = 120_000,
            PowerLimitW = 1000,
            FbTotalMib = 183_000,
        })],
    };
}
