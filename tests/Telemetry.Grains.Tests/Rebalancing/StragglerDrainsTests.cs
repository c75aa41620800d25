using Microsoft.Extensions.Time.Testing;
using Telemetry.Grains.Rebalancing;
using Telemetry.Jobs;
using Telemetry.Rebalancing;

namespace Telemetry.Grains.Tests.Rebalancing;

public sealed class StragglerDrainsTests
{
    private const string Node = "dc1/n0007";
    private static readonly StragglerSeat Straggler = new("j-train", "GPU-s", Node, 8, "sm_active", 0.35, 0.9, "sm_active 0.35 vs job median 0.90 for 30 s");
    private static readonly RebalancePolicy On = new() { DrainStragglerNodes = true };
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 1, 0, 0, TimeSpan.Zero));
    private readonly RebalancerMemory _memory = new();

    [Fact]
    public void Straggler_WithTheSwitchOff_DrainsNothing()
    {
        Assert.Empty(Run(new RebalancePolicy(), [Straggler]).Decisions);
        Assert.Empty(_memory.StragglerDrained);
    }

    [Fact]
    public void Straggler_WithTheSwitchOn_DrainsItsNodeOnce_NamingTheJobTheGpuAndTheSignal()
    {
        var step = Run(On with { DryRun = true }, [Straggler]);
        _time.Advance(TimeSpan.FromSeconds(10));
        var again = Run(On with { DryRun = true }, [Straggler]);

        var drain = Assert.Single(step.Decisions);
        Assert.Equal((DecisionKind.Drain, Node, "GPU-s", "dc1"), (drain.Kind, drain.Node, drain.Gpu, drain.From));
        Assert.Equal("GPU GPU-s on dc1/n0007 holds back job j-train: sm_active 0.35 vs job median 0.90 for 30 s; draining the node lets the job restart without it", drain.Reason);
        Assert.Equal(new DecisionJob("j-train", 8, "uni"), Assert.Single(drain.Jobs));
        Assert.Equal((0.35, 0.9), (drain.Signals["sm_active"], drain.Signals["jobMedian"]));
        Assert.True(drain.DryRun);
        Assert.Empty(again.Decisions);
    }

    [Fact]
    public void StragglerDrain_IsUndrainedOnceNoGpuOfTheNodeHasBeenAStragglerForTheDelay()
    {
        Run(On, [Straggler]);
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Empty(Run(On, [Straggler]).Decisions);

        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Empty(Run(On, []).Decisions);
        _time.Advance(TimeSpan.FromSeconds(On.UndrainAfterSeconds - 1));
        Assert.Empty(Run(On, []).Decisions);
        _time.Advance(TimeSpan.FromSeconds(1));
        var undrain = Assert.Single(Run(On, []).Decisions);

        Assert.Equal((DecisionKind.Undrain, Node), (undrain.Kind, undrain.Node));
        Assert.Contains("GPU-s holding back job j-train", undrain.Reason, StringComparison.Ordinal);
        Assert.Empty(_memory.StragglerDrained);
    }

    [Fact]
    public void StragglerBack_BeforeTheDelay_KeepsTheNodeDrained()
    {
        Run(On, [Straggler]);
        _time.Advance(TimeSpan.FromSeconds(50));
        Run(On, []);
        _time.Advance(TimeSpan.FromSeconds(50));
        Assert.Empty(Run(On, [Straggler]).Decisions);
        _time.Advance(TimeSpan.FromSeconds(50));

        Assert.Empty(Run(On, []).Decisions);
        Assert.True(_memory.StragglerDrained.ContainsKey(Node));
    }

    [Fact]
    public void Straggler_WhenTheBreakerIsOpen_TheJobCoolsDown_OrNoMoveIsLeft_DrainsNothing()
    {
        _memory.Of("dc1").BreakerOpen = true;
        Assert.Empty(Run(On, [Straggler]).Decisions);

        _memory.Of("dc1").BreakerOpen = false;
        _memory.JobCooldownUntil["j-train"] = _time.GetUtcNow().AddHours(1);
        Assert.Empty(Run(On, [Straggler]).Decisions);

        _memory.JobCooldownUntil.Clear();
        Assert.Empty(Run(On with { MaxMovesPerInterval = 0 }, [Straggler]).Decisions);
        Assert.Single(Run(On, [Straggler]).Decisions);
    }

    [Fact]
    public void Straggler_OnANodeDrainedForUnhealthyGpusOrUndrainedByAnOperator_IsLeftToThoseRules()
    {
        _memory.Drained[Node] = new DrainedNode { DataCenter = "dc1" };
        Assert.Empty(Run(On, [Straggler]).Decisions);

        _memory.Drained.Clear();
        _memory.OperatorUndrained.Add(Node);
        Assert.Empty(Run(On, [Straggler]).Decisions);
        Assert.Empty(_memory.StragglerDrained);
    }

    [Fact]
    public void SwitchedOff_UndrainsTheNodesItDrained_AfterTheDelay()
    {
        Run(On, [Straggler]);
        var off = new RebalancePolicy();

        Run(off, [Straggler]);
        _time.Advance(TimeSpan.FromSeconds(off.UndrainAfterSeconds));

        Assert.Equal(DecisionKind.Undrain, Assert.Single(Run(off, [Straggler]).Decisions).Kind);
    }

    [Fact]
    public void Seats_OfAJobSnapshot_AreItsStragglersWithTheSignalTheyLagOn()
    {
        var job = new JobSnapshot
        {
            JobId = "j-train",
            DataCenters = ["dc1"],
            Gpus =
            [
                Gpu("GPU-a", Node, false, []),
                Gpu("GPU-s", Node, true, ["power_w 424 vs job median 900 for 30 s", "sm_active 0.35 vs job median 0.90 for 30 s"]),
                Gpu("GPU-b", "dc1/n0008", false, []),
            ],
            Stragglers = ["GPU-s"],
            JobMedian = new Dictionary<string, double> { ["power_w"] = 900, ["sm_active"] = 0.9 },
        };

        var seat = Assert.Single(StragglerSeat.Of(job));

        Assert.Equal(new StragglerSeat("j-train", "GPU-s", Node, 2, "power_w", 424, 900, "power_w 424 vs job median 900 for 30 s"), seat);
    }

    private static JobGpu Gpu(string uuid, string node, bool straggler, string[] reasons) => new()
    {
        Uuid = uuid,
        Node = node,
        Straggler = straggler,
        Reasons = reasons,
        Signals = new Dictionary<string, double> { ["power_w"] = straggler ? 424 : 900, ["sm_active"] = straggler ? 0.35 : 0.9 },
    };

    private RebalanceStep Run(RebalancePolicy policy, StragglerSeat[] stragglers)
    {
        var signals = new[] { TestSignals.Of("dc1"), TestSignals.Of("dc2") };
        var now = _time.GetUtcNow();
        var step = new RebalanceStep([], [], new Dictionary<string, double>());
        return StragglerDrains.Add(step, signals, stragglers, policy, _memory, job => job == "j-train" ? "uni" : null, now);
    }
}
