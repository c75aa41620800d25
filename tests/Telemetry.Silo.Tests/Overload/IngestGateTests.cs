using Microsoft.Extensions.Options;
using Telemetry.Silo.Ingest;

namespace Telemetry.Silo.Tests.Overload;

public sealed class IngestGateTests
{
    [Fact]
    public void TryEnter_UpToTheLimit_ThenRefusesUntilOneLeaves()
    {
        var gate = new IngestGate(Options.Create(new IngestOptions { MaxConcurrentRequests = 3 }));

        Assert.True(gate.TryEnter());
        Assert.True(gate.TryEnter());
        Assert.True(gate.TryEnter());
        Assert.False(gate.TryEnter());
        gate.Exit();
        Assert.True(gate.TryEnter());
        Assert.False(gate.TryEnter());

        Assert.Equal(3, gate.InFlight);
        Assert.Equal(3, gate.PeakInFlight);
    }

    [Fact]
    public async Task TryEnter_ManyThreadsAtOnce_NeverMoreInsideThanTheLimit()
    {
        var gate = new IngestGate(Options.Create(new IngestOptions { MaxConcurrentRequests = 4 }));
        var inside = 0;
        var most = 0;

        await Parallel.ForAsync(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (_, _) =>
        {
            if (!gate.TryEnter())
            {
                return;
            }

            var now = Interlocked.Increment(ref inside);
            InterlockedMax(ref most, now);
            await Task.Yield();
            Interlocked.Decrement(ref inside);
            gate.Exit();
        });

        Assert.InRange(most, 1, 4);
        Assert.InRange(gate.PeakInFlight, 1, 4);
        Assert.Equal(0, gate.InFlight);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen && Interlocked.CompareExchange(ref target, value, seen) is var previous && previous != seen)
        {
            seen = previous;
        }
    }
}
