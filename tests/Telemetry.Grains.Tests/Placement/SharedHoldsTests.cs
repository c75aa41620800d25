using Telemetry.Grains.Nodes;
using Telemetry.Health;
using Telemetry.Placement;
using Telemetry.State;

namespace Telemetry.Grains.Tests.Placement;

public sealed class SharedHoldsTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly GpuBrief Idle = Brief("a", null);

    [Fact]
    public void Release_OfAFraction_FreesExactlyItsShare()
    {
        var holds = new NodeHolds();
        Assert.True(Hold(holds, "r1", 250));
        Assert.True(Hold(holds, "r2", 500));
        Assert.Equal(250, holds.FreeMilli(Idle));

        Assert.True(holds.Release("r1"));
        Assert.Equal(500, holds.FreeMilli(Idle));
        Assert.True(holds.Release("r2"));
        Assert.Equal(GpuShares.Whole, holds.FreeMilli(Idle));
        Assert.True(holds.IsEmpty);
    }

    [Fact]
    public void TryHold_MoreThanTheGpuHasLeft_RefusesAndKeepsTheOthers()
    {
        var holds = new NodeHolds();
        Assert.True(Hold(holds, "r1", 400));
        Assert.True(Hold(holds, "r2", 400));

        Assert.False(Hold(holds, "r3", 400));
        Assert.False(Hold(holds, "whole", GpuShares.Whole));
        Assert.Equal(200, holds.FreeMilli(Idle));
        Assert.Equal(800, holds.Claims().Sum(c => c.Milli));
    }

    [Fact]
    public void TryHold_SameReservationAgain_ReplacesItsShare()
    {
        var holds = new NodeHolds();
        Assert.True(Hold(holds, "r1", 600));

        Assert.True(Hold(holds, "r1", 700));

        Assert.Equal(300, holds.FreeMilli(Idle));
    }

    [Fact]
    public void TryHold_AnySequence_NeverClaimsMoreThanAWholeGpu()
    {
        var random = new Random(13);
        var holds = new NodeHolds();
        for (var step = 0; step < 2_000; step++)
        {
            var id = $"r{random.Next(20)}";
            if (random.Next(3) == 0)
            {
                holds.Release(id);
            }
            else
            {
                Hold(holds, id, random.Next(4) == 0 ? GpuShares.Whole : random.Next(1, 1000));
            }

            var claimed = holds.Claims().Sum(c => c.Milli);
            Assert.InRange(claimed, 0, GpuShares.Whole);
            Assert.Equal(GpuShares.Whole - claimed, holds.FreeMilli(Idle));
        }
    }

    [Fact]
    public void JobsStarted_FractionalHold_BecomesTheJobsShareUntilTheJobLeaves()
    {
        var holds = new NodeHolds();
        holds.TryHold(new GpuHold("r1", ["a"], Now.AddMinutes(5), "job-1") { Milli = 300 }, _ => GpuShares.Whole, Now);
        holds.TryHold(new GpuHold("r2", ["a"], Now.AddMinutes(5), "job-2") { Milli = 200 }, _ => GpuShares.Whole, Now);

        Assert.True(holds.JobsStarted([Brief("a", "job-1")]));
        Assert.Equal(500, holds.FreeMilli(Brief("a", "job-1")));
        Assert.False(holds.Release("r1"));
        Assert.Equal(500, holds.FreeMilli(Brief("a", "job-1")));

        holds.JobsStarted([Brief("a", "job-1,job-2")]);
        Assert.Equal(500, holds.FreeMilli(Brief("a", "job-1,job-2")));
        Assert.All(holds.Claims(), c => Assert.Null(c.ExpiresAt));

        holds.JobsStarted([Brief("a", "job-2")]);
        Assert.Equal(800, holds.FreeMilli(Brief("a", "job-2")));
        holds.JobsStarted([Idle]);
        Assert.True(holds.IsEmpty);
    }

    [Fact]
    public void FreeMilli_JobWithoutAShare_TakesTheWholeGpu()
    {
        var holds = new NodeHolds();
        holds.TryHold(new GpuHold("r1", ["a"], Now.AddMinutes(5), "job-1") { Milli = 300 }, _ => GpuShares.Whole, Now);
        holds.JobsStarted([Brief("a", "job-1")]);

        Assert.Equal(0, holds.FreeMilli(Brief("a", "job-1,stranger")));
    }

    [Fact]
    public void Export_Import_KeepsHoldsAndRunningShares()
    {
        var holds = new NodeHolds();
        holds.TryHold(new GpuHold("r1", ["a"], Now.AddMinutes(5), "job-1") { Milli = 300 }, _ => GpuShares.Whole, Now);
        holds.TryHold(new GpuHold("r2", ["a"], Now.AddMinutes(5), null) { Milli = 100 }, _ => GpuShares.Whole, Now);
        holds.JobsStarted([Brief("a", "job-1")]);
        var copy = new NodeHolds();

        copy.Import(holds.Export(), holds.ExportRunning());

        Assert.Equal(600, copy.FreeMilli(Brief("a", "job-1")));
    }

    [Fact]
    public void Extend_MovesOnlyThatReservationsExpiry()
    {
        var holds = new NodeHolds();
        holds.TryHold(new GpuHold("r1", ["a"], Now.AddSeconds(30), null) { Milli = 300 }, _ => GpuShares.Whole, Now);
        holds.TryHold(new GpuHold("r2", ["a"], Now.AddSeconds(30), null) { Milli = 300 }, _ => GpuShares.Whole, Now);

        Assert.True(holds.Extend("r1", Now.AddMinutes(10), Now));
        holds.Expire(Now.AddMinutes(1));

        Assert.Equal(700, holds.FreeMilli(Idle));
        Assert.False(holds.Extend("r2", Now.AddMinutes(10), Now.AddMinutes(1)));
    }

    private static bool Hold(NodeHolds holds, string id, int milli) =>
        holds.TryHold(new GpuHold(id, ["a"], Now.AddMinutes(5), null) { Milli = milli }, uuid => holds.FreeMilli(Brief(uuid, null), id), Now);

    private static GpuBrief Brief(string uuid, string? job) => new() { Uuid = uuid, Index = 0, Model = "NVIDIA B200", Health = HealthState.Healthy, JobId = job };
}
