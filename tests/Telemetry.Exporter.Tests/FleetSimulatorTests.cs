using Telemetry.Exporter.Cli;
using Telemetry.Exporter.Simulation;

namespace Telemetry.Exporter.Tests;

[Collection(RealTimeCollection.Name)]
public sealed class FleetSimulatorTests
{
    [Fact]
    public async Task RunAsync_WithOneDeadServer_FailsOverAndDeliversEverySeqInOrder()
    {
        await using var sink = new IngestSink();
        var dead = new Uri($"http://127.0.0.1:{IngestSink.FreePort()}");
        var options = new SimulatorOptions
        {
            Servers = [dead, sink.Url],
            DataCenters = ["dc1"],
            NodesPerDataCenter = 2,
            GpusPerNode = 2,
            Interval = TimeSpan.FromMilliseconds(200),
            SamplesPerReport = 4,
            Duration = TimeSpan.FromSeconds(3),
            Seed = 1,
            RetryBaseDelay = TimeSpan.FromMilliseconds(5),
            RetryMaxDelay = TimeSpan.FromMilliseconds(20),
        };
        var simulator = new FleetSimulator(options);

        var stats = await simulator.RunAsync();

        var byNode = sink.Reports.GroupBy(r => r.NodeId).ToDictionary(g => g.Key, g => g.Select(r => r.Seq).ToList());
        Assert.Equal(["dc1/node-0001", "dc1/node-0002"], byNode.Keys.Order());
        foreach (var seqs in byNode.Values)
        {
            // Retries carry the same seq, and a body is never skipped over, so the server sees 1, 2, 3, ...
            Assert.True(seqs.Count >= 2, $"expected several reports, got {seqs.Count}: {StatsFormatter.Summary(stats)}");
            Assert.Equal(Enumerable.Range(1, seqs.Count).Select(i => (ulong)i), seqs);
        }

        Assert.All(sink.ContentTypes, ct => Assert.Equal("application/x-msgpack", ct));
        Assert.True(stats.Errors.GetValueOrDefault("connection") > 0, "the dead server should have refused connections");
        Assert.Equal(sink.Reports.Count, stats.ReportsAccepted);
        Assert.Equal(stats.ReportsAccepted * 2 * 4, stats.SamplesAccepted);
        Assert.Equal(0, stats.ReportsRejected);
    }

    [Fact]
    public async Task RunAsync_ServersDownThenBack_SpoolsAndDeliversEverySeqOnceInOrder()
    {
        using var dir = new TempDirectory();
        using var handler = new OutageHandler();
        var options = new SimulatorOptions
        {
            Servers = [new Uri("http://a:5000"), new Uri("http://b:5000")],
            DataCenters = ["dc1"],
            NodesPerDataCenter = 2,
            GpusPerNode = 2,
            Interval = TimeSpan.FromMilliseconds(200),
            SamplesPerReport = 4,
            Duration = TimeSpan.FromSeconds(4),
            Seed = 1,
            RetryBaseDelay = TimeSpan.FromMilliseconds(5),
            RetryMaxDelay = TimeSpan.FromMilliseconds(20),
            SpoolDirectory = dir.Path,
        };
        var simulator = new FleetSimulator(options, handler);

        var run = simulator.RunAsync();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (simulator.GetStats().SpoolBodies < 6 && DateTime.UtcNow < deadline && !run.IsCompleted)
        {
            await Task.Delay(20);
        }

        var during = simulator.GetStats();
        handler.Down = false;
        var stats = await run;

        Assert.True(during.SpoolBodies >= 6, $"bodies should pile up in the spool while every server is down: {StatsFormatter.Summary(during)}");
        Assert.Equal(0, stats.ReportsSkipped);
        Assert.Equal(0, stats.SpoolBodies);
        Assert.Equal(0, stats.SpoolDropped);
        var byNode = handler.Accepted.GroupBy(r => r.NodeId).ToDictionary(g => g.Key, g => g.Select(r => r.Seq).Distinct().ToList());
        Assert.Equal(["dc1/node-0001", "dc1/node-0002"], byNode.Keys.Order());
        foreach (var seqs in byNode.Values)
        {
            // Spooled and direct bodies reach the server in seq order, none skipped over.
            Assert.Equal(Enumerable.Range(1, seqs.Count).Select(i => (ulong)i), seqs);
        }

        Assert.Equal(byNode.Values.Sum(s => s.Count), stats.ReportsAccepted);
        Assert.Equal(stats.ReportsAccepted * 2 * 4, stats.SamplesAccepted);
        Assert.Empty(Directory.GetFiles(dir.Path, "*.spool"));
    }

    [Fact]
    public async Task RunAsync_Cancelled_ReturnsStatsWithoutThrowing()
    {
        var simulator = new FleetSimulator(new SimulatorOptions { DryRun = true, Interval = TimeSpan.FromMilliseconds(100) });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        var stats = await simulator.RunAsync(cts.Token);

        Assert.True(stats.ReportsAccepted > 0);
        Assert.Equal(30, stats.Nodes);
        Assert.Equal(stats.ReportsAccepted * 8 * 10, stats.SamplesAccepted);
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsNamingTheProblem()
    {
        var options = new SimulatorOptions { DataCenters = ["Bad Name"], GpusPerNode = 65 };

        var error = Assert.Throws<ArgumentException>(() => new FleetSimulator(options));

        Assert.Contains("Bad Name", error.Message, StringComparison.Ordinal);
        Assert.Contains("GPUs per node", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_TimeScale_SendsScaledSampleTimeThatMeetsTheClockAtTheEnd()
    {
        await using var sink = new IngestSink();
        var options = new SimulatorOptions
        {
            Servers = [sink.Url],
            DataCenters = ["dc1"],
            NodesPerDataCenter = 1,
            GpusPerNode = 1,
            Interval = TimeSpan.FromMilliseconds(200),
            SamplesPerReport = 2,
            Duration = TimeSpan.FromSeconds(3),
            TimeScale = 10,
            Seed = 1,
        };
        var started = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        await new FleetSimulator(options).RunAsync();

        var ended = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var times = sink.Reports.OrderBy(r => r.Seq).SelectMany(r => r.Gpus[0].Timestamps).ToList();
        Assert.True(times.Count >= 10, $"expected several reports, got {times.Count} samples");

        // Sample time starts (10 − 1) × 3 s = 27 s back and runs 10 × the clock: each 200-ms report covers 2 s of
        // samples, 1 s apart, and the newest never passes the clock.
        Assert.InRange(times[0], started - 27_000 - 1_000, started - 27_000 + 2_500);
        Assert.All(times.Zip(times.Skip(1)), pair => Assert.True(pair.Second > pair.First, $"{pair.First} then {pair.Second}"));
        var sameReport = sink.Reports.OrderBy(r => r.Seq).Select(r => r.Gpus[0].Timestamps).First();
        Assert.Equal(1_000, sameReport[1] - sameReport[0]);
        Assert.True(times[^1] <= ended, $"newest sample {times[^1]} is after the run ended at {ended}");
        Assert.True(times[^1] - times[0] >= 15_000, $"3 s at 10× should span well over 15 s of sample time, spanned {times[^1] - times[0]} ms");
    }

    [Fact]
    public void Constructor_TimeScaleWithoutDuration_ThrowsNamingTheProblem()
    {
        var options = new SimulatorOptions { TimeScale = 4 };

        var error = Assert.Throws<ArgumentException>(() => new FleetSimulator(options));

        Assert.Contains("time scale above 1 needs a duration", error.Message, StringComparison.Ordinal);
    }
}
