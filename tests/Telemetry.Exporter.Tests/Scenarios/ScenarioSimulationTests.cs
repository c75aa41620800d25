using Telemetry.Exporter.Simulation;
using Telemetry.Exporter.Simulation.Scenarios;
using Telemetry.Fields;

namespace Telemetry.Exporter.Tests.Scenarios;

/// <summary>The simulator's reports carry what a scenario imposes, once its lead-in is over.</summary>
public sealed class ScenarioSimulationTests
{
    private static readonly long StartMs = ScenarioRun.Start.ToUnixTimeMilliseconds();
    private static readonly long EventMs = StartMs + (long)Scenario.LeadIn.TotalMilliseconds;

    [Fact]
    public void Thermal_ReportsThermalClockEventsOverTheLimit_InTheTargetDataCenterAfterTheLeadIn()
    {
        var (hit, spared) = (Node(ScenarioKind.Thermal, "dc1"), Node(ScenarioKind.Thermal, "dc2"));

        var after = hit.Generate(EventMs + 1000).Gpus[0];

        Assert.False(hit.ConditionAt(EventMs - 1).Throttled);
        Assert.False(spared.ConditionAt(EventMs + 1000).Throttled);
        Assert.NotEqual(0, (long)after.Value(0, FieldCatalog.ClockEventReasons) & (long)ClockEventReasons.HwThermalSlowdown);
        Assert.True(after.Value(0, FieldCatalog.GpuTempC) >= GpuModelSpec.B200.SlowdownTempC + 4);
    }

    [Fact]
    public void XidStorm_StrikesGpuZeroOnceWithXid79()
    {
        var node = Node(ScenarioKind.XidStorm, "dc1");

        var first = node.Generate(EventMs + 1000);
        var second = node.Generate(EventMs + 2000);

        Assert.Equal([79], first.Gpus[0].Xids);
        Assert.Empty(second.Gpus[0].Xids);
        Assert.Empty(first.Gpus[1].Xids);
    }

    [Fact]
    public void Hotspot_KeepsNearlyEveryGpuBusy()
    {
        var node = Node(ScenarioKind.Hotspot, "dc1");

        var report = node.Generate(EventMs + 1000);

        Assert.Equal(8, report.Gpus.Count(g => g.JobId is not null));
    }

    [Fact]
    public void DcOutage_SilencesTheTargetDataCenter()
    {
        Assert.True(Node(ScenarioKind.DcOutage, "dc1").ConditionAt(EventMs).Silent);
        Assert.False(Node(ScenarioKind.DcOutage, "dc1").ConditionAt(EventMs - 1).Silent);
        Assert.False(Node(ScenarioKind.DcOutage, "dc2").ConditionAt(EventMs).Silent);
    }

    private static NodeSimulator Node(ScenarioKind kind, string dc) =>
        new($"{dc}/node-0001", GpuModelSpec.B200, 8, new SimulationSettings(1000, 10, 0), 1, 2, "boot")
        {
            ScenarioSlot = (new Scenario(kind, "dc1", StartMs), dc, 0, 100),
        };
}
