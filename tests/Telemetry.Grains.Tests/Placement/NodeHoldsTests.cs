using Telemetry.Grains.Nodes;
using Telemetry.Health;
using Telemetry.Placement;
using Telemetry.State;

namespace Telemetry.Grains.Tests.Placement;

public sealed class NodeHoldsTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TryHold_GpuHeldByAnother_RefusesAndHoldsNothing()
    {
        var holds = new NodeHolds();
        Assert.True(holds.TryHold(new GpuHold("r1", ["a", "b"], Now.AddMinutes(1), null), g => holds.IsHeld(g, "r1") ? 0 : GpuShares.Whole, Now));

        Assert.False(holds.TryHold(new GpuHold("r2", ["b", "c"], Now.AddMinutes(1), null), g => holds.IsHeld(g, "r2") ? 0 : GpuShares.Whole, Now));

        Assert.False(holds.IsHeld("c"));
        Assert.True(holds.IsHeld("b", "r2"));
    }

    [Fact]
    public void Expire_EndsAHoldAtItsTime()
    {
        var holds = new NodeHolds();
        holds.TryHold(new GpuHold("r1", ["a"], Now.AddSeconds(30), null), _ => GpuShares.Whole, Now);

        Assert.Equal(Now.AddSeconds(30), holds.ReservedUntil("a", Now.AddSeconds(29)));
        Assert.True(holds.Expire(Now.AddSeconds(30)));
        Assert.False(holds.IsHeld("a"));
    }

    [Fact]
    public void JobsStarted_EndsTheHoldOnlyWhereItsJobRuns()
    {
        var holds = new NodeHolds();
        holds.TryHold(new GpuHold("r1", ["a", "b"], Now.AddMinutes(5), "job-1"), _ => GpuShares.Whole, Now);

        Assert.True(holds.JobsStarted([Brief("a", "job-1"), Brief("b", "other")]));

        Assert.False(holds.IsHeld("a"));
        Assert.True(holds.IsHeld("b"));
    }

    [Fact]
    public void Export_Import_KeepsEveryHold()
    {
        var holds = new NodeHolds();
        holds.TryHold(new GpuHold("r1", ["a", "b"], Now.AddMinutes(5), "job-1"), _ => GpuShares.Whole, Now);
        var copy = new NodeHolds();

        copy.Import(holds.Export());

        Assert.True(copy.IsHeld("a") && copy.IsHeld("b"));
        Assert.True(copy.Release("r1"));
        Assert.True(copy.IsEmpty);
    }

    private static GpuBrief Brief(string uuid, string? job) => new() { Uuid = uuid, Index = 0, Model = "NVIDIA B200", Health = HealthState.Healthy, JobId = job };
}
