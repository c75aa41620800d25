namespace Telemetry.Sink.Tests;

public class SinkWriterTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Write_ServerUp_EveryPointOnceInOrderInBatchesOfAtMostBatchSize()
    {
        var writer = new RecordingWriter();
        await using var harness = new SinkHarness(writer, SinkHarness.FastOptions());
        await harness.StartAsync();

        var expected = Feed(harness, gpus: 40, buckets: 30);

        await Eventually.TrueAsync(() => writer.Lines.Count >= expected.Count && harness.Metrics.Written >= expected.Count, Deadline, () => $"{writer.Lines.Count} of {expected.Count} written");
        Assert.Equal(expected, writer.Lines);
        Assert.Equal(expected.Count, harness.Metrics.Written);
        Assert.True(writer.Attempts >= expected.Count / harness.Options.BatchSize, $"{writer.Attempts} writes");
        Assert.Equal(0, harness.Metrics.Spooled);
    }

    [Fact]
    public async Task Write_ServerDownThenBack_SpoolsThenReplaysEveryPointOnceInOrder()
    {
        var writer = new RecordingWriter { Down = true };
        await using var harness = new SinkHarness(writer, SinkHarness.FastOptions());
        await harness.StartAsync();

        var before = Feed(harness, gpus: 40, buckets: 20);
        await Eventually.TrueAsync(() => harness.Metrics.Spooled == before.Count, Deadline, () => $"{harness.Metrics.Spooled} of {before.Count} spooled");
        Assert.True(harness.Metrics.Retried > 0);
        Assert.Empty(writer.Lines);

        // Back, while more points keep coming: they must queue behind the spool, not overtake it.
        writer.Down = false;
        var after = Feed(harness, gpus: 40, buckets: 20, firstBucket: 20);
        var expected = before.Concat(after).ToList();

        await Eventually.TrueAsync(() => writer.Lines.Count >= expected.Count && harness.Metrics.Written >= expected.Count, Deadline, () => $"{writer.Lines.Count} of {expected.Count} written");
        Assert.Equal(expected, writer.Lines);
        // Everything spooled came back from the spool: the outage's points and those that queued behind them.
        Assert.Equal(harness.Metrics.Spooled, harness.Metrics.Replayed);
        Assert.True(harness.Metrics.Replayed >= before.Count);
        Assert.Equal(0, harness.Spool.Snapshot().Bodies);
    }

    [Fact]
    public async Task Write_ServerRefuses_PointsCountedAsRejectedNotSpooled()
    {
        var writer = new RecordingWriter { Refusing = true };
        await using var harness = new SinkHarness(writer, SinkHarness.FastOptions());
        await harness.StartAsync();

        var fed = Feed(harness, gpus: 4, buckets: 5);

        await Eventually.TrueAsync(() => harness.Metrics.DroppedRejected == fed.Count, Deadline, () => $"{harness.Metrics.DroppedRejected} of {fed.Count} rejected");
        Assert.Equal(0, harness.Metrics.Spooled);
        Assert.Equal(0, harness.Metrics.Written);
    }

    [Fact]
    public async Task Enqueue_QueueFull_DropsAndCountsNewPointsWithoutBlocking()
    {
        var options = SinkHarness.FastOptions();
        options.BatchSize = 10;
        options.QueueCapacity = 10;
        await using var harness = new SinkHarness(new RecordingWriter(), options);

        // The writer is not started: nothing drains the queue.
        Feed(harness, gpus: 5, buckets: 5);

        Assert.Equal(15, harness.Metrics.DroppedQueueFull);
        Assert.Equal(10, harness.Metrics.QueueDepth());
    }

    [Fact]
    public async Task Stop_PointsStillQueued_GoToTheSpoolForTheNextStart()
    {
        var writer = new RecordingWriter { Down = true };
        var options = SinkHarness.FastOptions();
        options.MaxRetryDelay = TimeSpan.FromMinutes(1);
        options.RetryDelay = TimeSpan.FromSeconds(20);
        var harness = new SinkHarness(writer, options);
        await harness.StartAsync();
        var fed = Feed(harness, gpus: 10, buckets: 10);

        harness.Sink.Complete();
        await harness.Writer.StopAsync(CancellationToken.None);

        Assert.Equal(fed.Count, harness.Metrics.Spooled);
        Assert.Equal(0, harness.Metrics.DroppedQueueFull);
        await harness.DisposeAsync();
    }

    [Fact]
    public async Task Stop_RightAfterStart_QueuedPointsGoToTheSpoolEveryTime()
    {
        // A stop that comes before the thread pool has run the writer's loop must still spool the queue;
        // repeated because whether the loop has begun is up to the scheduler.
        for (var round = 0; round < 50; round++)
        {
            var options = SinkHarness.FastOptions();
            options.RetryDelay = TimeSpan.FromSeconds(20);
            options.MaxRetryDelay = TimeSpan.FromMinutes(1);
            await using var harness = new SinkHarness(new RecordingWriter { Down = true }, options);
            var fed = Feed(harness, gpus: 10, buckets: 10);
            harness.Sink.Complete();

            await harness.StartAsync();
            await harness.Writer.StopAsync(CancellationToken.None);

            Assert.True(fed.Count == harness.Metrics.Spooled, $"round {round}: {harness.Metrics.Spooled} of {fed.Count} spooled");
        }
    }

    [Fact]
    public async Task WriteDecision_TwoInOneMillisecond_BothWrittenAsDistinctPoints()
    {
        var writer = new RecordingWriter();
        await using var harness = new SinkHarness(writer, SinkHarness.FastOptions());
        await harness.StartAsync();
        var at = DateTimeOffset.UtcNow;

        harness.Sink.WriteDecision(new Grains.Events.RebalancingDecisionPoint("d-1", at, "drain", "dc1", null, "dc1/node-0001", null, 8, "XID 79 on GPU 3", "applied"));
        harness.Sink.WriteDecision(new Grains.Events.RebalancingDecisionPoint("d-2", at, "drain", "dc1", null, "dc1/node-0002", null, 8, "ECC double-bit error", "applied"));

        await Eventually.TrueAsync(() => writer.Lines.Count == 2, Deadline, () => $"{writer.Lines.Count} written");
        var points = writer.Lines.Select(ParsedLine.Parse).ToList();
        Assert.Equal(["\"d-1\"", "\"d-2\""], points.Select(p => p.Fields["id"]));
        Assert.Equal(["\"dc1/node-0001\"", "\"dc1/node-0002\""], points.Select(p => p.Fields["node"]));
        Assert.NotEqual(points[0].Timestamp, points[1].Timestamp);
        Assert.All(points, p => Assert.Equal("drain", p.Tags["kind"]));
    }

    private static List<string> Feed(SinkHarness harness, int gpus, int buckets, int firstBucket = 0)
    {
        var lines = new List<string>();
        for (var b = firstBucket; b < firstBucket + buckets; b++)
        {
            for (var g = 0; g < gpus; g++)
            {
                var rollup = TestRollups.For(g, b);
                harness.Sink.WriteGpuRollup(rollup);
                lines.Add(Silo.Sink.InfluxPoints.Gpu(rollup)!);
            }
        }

        return lines;
    }
}
