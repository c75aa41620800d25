using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Telemetry.Fields;
using Telemetry.Silo.Sink;

namespace Telemetry.Sink.Tests;

/// <summary>
/// The sink against a real server: Debian's victoria-metrics accepts the InfluxDB v2 write API
/// (<c>/api/v2/write</c>), and its <c>/api/v1/export</c> gives every point back, a series per
/// <c>measurement_field</c> and tag set. It stores string fields as 0, so job ids are checked in <see cref="InfluxPointsTests"/>.
/// </summary>
public sealed class VictoriaMetricsSinkTests : IDisposable
{
    private const int Gpus = 24;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task Write_ThroughInfluxClient_EveryRollupOfEveryGpuReadBackWithItsTagsAndValues()
    {
        var port = FreePort.Next();
        using var server = await VictoriaMetricsServer.StartAsync(_http, _data.Path, port, deleteData: false, CancellationToken.None);
        var options = SinkHarness.FastOptions(server.BaseAddress.ToString());
        using var writer = new InfluxBatchWriter(options, NullLogger<InfluxBatchWriter>.Instance);
        await using var harness = new SinkHarness(writer, options);
        await harness.StartAsync();

        const int buckets = 12;
        Feed(harness, 0, buckets);
        await Eventually.TrueAsync(() => harness.Metrics.Written == Gpus * buckets, Deadline, () => $"{harness.Metrics.Written} written");

        await AssertEveryRollupOnceAsync(server.BaseAddress, buckets);
    }

    [Fact]
    public async Task Write_ServerStoppedUnderLoadAndRestarted_EveryRollupArrivesOnce()
    {
        var port = FreePort.Next();
        var server = await VictoriaMetricsServer.StartAsync(_http, _data.Path, port, deleteData: false, CancellationToken.None);
        var options = SinkHarness.FastOptions(server.BaseAddress.ToString());
        using var writer = new InfluxBatchWriter(options, NullLogger<InfluxBatchWriter>.Instance);
        await using var harness = new SinkHarness(writer, options);
        await harness.StartAsync();
        try
        {
            Feed(harness, 0, 10);
            await Eventually.TrueAsync(() => harness.Metrics.Written == Gpus * 10, Deadline, () => $"{harness.Metrics.Written} written");

            // Stopped while rollups keep coming: they are retried, then spooled.
            var feeding = Task.Run(async () =>
            {
                for (var b = 10; b < 40; b++)
                {
                    Feed(harness, b, 1);
                    await Task.Delay(10);
                }
            });
            server.Stop(TimeSpan.FromSeconds(30));
            server.Dispose();
            await feeding;
            await Eventually.TrueAsync(() => harness.Metrics.Spooled > 0 && harness.Metrics.QueueDepth() == 0, Deadline, () => $"{harness.Metrics.Spooled} spooled");

            server = await VictoriaMetricsServer.StartAsync(_http, _data.Path, port, deleteData: false, CancellationToken.None);
            Feed(harness, 40, 5);
            await Eventually.TrueAsync(() => harness.Metrics.Written == Gpus * 45, Deadline, () => $"{harness.Metrics.Written} of {Gpus * 45} written, {harness.Metrics.Spooled} spooled");

            Assert.Equal(harness.Metrics.Spooled, harness.Metrics.Replayed);
            Assert.Equal(0, harness.Metrics.SpoolDroppedBatches());
            Assert.Equal(0, harness.Metrics.DroppedQueueFull);
            await AssertEveryRollupOnceAsync(server.BaseAddress, 45);
        }
        finally
        {
            server.Dispose();
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _data.Dispose();
    }

    private static void Feed(SinkHarness harness, int firstBucket, int buckets)
    {
        for (var b = firstBucket; b < firstBucket + buckets; b++)
        {
            for (var g = 0; g < Gpus; g++)
            {
                harness.Sink.WriteGpuRollup(TestRollups.For(g, b));
            }
        }
    }

    /// <summary>Reads every gpu_* series back and checks each GPU's tags, and each bucket's mean and max of every field, exactly once.</summary>
    private async Task AssertEveryRollupOnceAsync(Uri server, int buckets)
    {
        // victoria-metrics makes freshly written points searchable within a second or two.
        var series = new List<JsonElement>();
        var expectedSeries = Gpus * ((FieldCatalog.Count - 1) * 2 + 2);

        // Every series has a point per bucket, but job_id only in buckets with a job (the even ones).
        var expectedPoints = ((expectedSeries - Gpus) * buckets) + (Gpus * ((buckets + 1) / 2));
        await Eventually.TrueAsync(() =>
        {
            series = Export(server).GetAwaiter().GetResult();
            return series.Count >= expectedSeries && series.Sum(s => s.GetProperty("values").GetArrayLength()) >= expectedPoints;
        }, Deadline, () => $"{series.Count} of {expectedSeries} series, {series.Sum(s => s.GetProperty("values").GetArrayLength())} of {expectedPoints} points");

        Assert.Equal(expectedSeries, series.Count);
        foreach (var s in series)
        {
            var metric = s.GetProperty("metric");
            var name = metric.GetProperty("__name__").GetString()!;
            var uuid = metric.GetProperty(InfluxSchema.GpuTag).GetString()!;
            var gpu = int.Parse(uuid.AsSpan(4, 4), CultureInfo.InvariantCulture);
            Assert.Equal(TestRollups.Node(gpu), metric.GetProperty(InfluxSchema.NodeTag).GetString());
            Assert.Equal(TestRollups.Node(gpu)[..3], metric.GetProperty(InfluxSchema.DataCenterTag).GetString());
            Assert.Equal("NVIDIA H200", metric.GetProperty(InfluxSchema.ModelTag).GetString());

            var timestamps = s.GetProperty("timestamps").EnumerateArray().Select(t => t.GetInt64()).ToArray();
            var values = s.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            var field = name[(InfluxSchema.GpuMeasurement.Length + 1)..];
            if (field == InfluxSchema.JobIdField)
            {
                // Stored for the buckets that had a job (even ones); the value is a string, which victoria-metrics keeps as 0.
                Assert.Equal(Enumerable.Range(0, buckets).Where(b => b % 2 == 0).Select(Bucket), timestamps);
                continue;
            }

            Assert.Equal(Enumerable.Range(0, buckets).Select(Bucket), timestamps);
            for (var b = 0; b < buckets; b++)
            {
                Assert.Equal(Expected(field, gpu, b), values[b]);
            }
        }
    }

    private static long Bucket(int b) => TestRollups.FirstBucketMs + (b * 10_000L);

    private static double Expected(string field, int gpu, int bucket)
    {
        if (field == InfluxSchema.SamplesField)
        {
            return 10;
        }

        var info = FieldCatalog.All.Single(f => field == InfluxSchema.Mean(f) || field == InfluxSchema.Max(f));
        var mean = TestRollups.Mean(gpu, bucket, info.Column);
        return field == InfluxSchema.Mean(info) ? mean : mean + 0.5;
    }

    private async Task<List<JsonElement>> Export(Uri server)
    {
        var match = Uri.EscapeDataString($"{{__name__=~\"{InfluxSchema.GpuMeasurement}_.*\"}}");
        var text = await _http.GetStringAsync(new Uri(server, $"/api/v1/export?match[]={match}&start={TestRollups.FirstBucketMs / 1000 - 60}"));
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone())];
    }
}
