using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemetry.Silo.Ingest;

namespace Telemetry.Silo.Tests.Fuzz;

/// <summary>
/// 100,000 hostile bodies over HTTP to a real silo, with valid reports interleaved: never a 5xx, the process stays
/// up with bounded memory, and every valid report is applied exactly once.
/// </summary>
[Collection(MeasuredCollection.Name)]
public sealed class FuzzTests
{
    private const int Seed = 20_261_128;
    private const int Bodies = 100_000;
    private const int Senders = 8;
    private const int ValidEvery = 10;
    private const int SamplesPerReport = 5;

    [Fact]
    public async Task Ingest_HundredThousandMutatedBodies_NeverA5xxAndEveryValidReportApplied()
    {
        Console.WriteLine($"fuzz: seed {Seed}, {Bodies} bodies, {Senders} senders");
        await using var silo = await RunningSilo.StartAsync();
        var mutator = new BodyMutator(Reports.Encode(Reports.Make("fz/h-1", 7, Reports.NowMs() - 60_000, gpus: 2, samples: 4)), SiloFixture.MaxBodyBytes, Seed);
        var statuses = new ConcurrentDictionary<int, int>();
        var serverErrors = new ConcurrentQueue<string>();
        var valid = new int[Senders];
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0;
        long peakAfterCollection = 0;
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = Senders };
        using var http = new HttpClient(handler) { BaseAddress = silo.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var start = Reports.NowMs() - 3_600_000;

        await Parallel.ForEachAsync(Enumerable.Range(0, Senders), new ParallelOptions { MaxDegreeOfParallelism = Senders }, async (sender, ct) =>
        {
            // Each sender owns one tracked node, so its valid reports reach the silo in seq order.
            var node = $"fuzzok/sender-{sender}";
            for (var index = sender; index < Bodies; index += Senders)
            {
                if ((index / Senders) % ValidEvery == 0)
                {
                    var seq = (ulong)++valid[sender];
                    var report = Reports.Make(node, seq, start + ((long)seq * SamplesPerReport * 100), gpus: 2, samples: SamplesPerReport, stepMs: 100);
                    using var accepted = await http.PostAsync("/api/v1/ingest", Reports.Content(Reports.Encode(report)), ct);
                    Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
                    Assert.Equal(new IngestAnswer(1, 2 * SamplesPerReport, 0), await accepted.Content.ReadFromJsonAsync<IngestAnswer>(ct));
                    continue;
                }

                var (body, encoding) = mutator.Make(index);
                using var response = await http.PostAsync("/api/v1/ingest", Reports.Content(body, encoding: encoding), ct);
                var status = (int)response.StatusCode;
                statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                if (status >= 500)
                {
                    serverErrors.Enqueue($"body {index}: {status} {await response.Content.ReadAsStringAsync(ct)}");
                }

                if (index % 1000 == 0)
                {
                    // The first counts garbage not yet collected (this process also builds the hostile bodies, some
                    // of them megabytes); the second is the heap as the latest collection left it.
                    peak = Math.Max(peak, GC.GetTotalMemory(false));
                    peakAfterCollection = Math.Max(peakAfterCollection, GC.GetGCMemoryInfo().HeapSizeBytes);
                }
            }
        });

        var retained = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"fuzz: answers {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}; managed heap {baseline / 1048576.0:F0} MiB at start, peak {peak / 1048576.0:F0} MiB with garbage, {peakAfterCollection / 1048576.0:F0} MiB after a collection, {retained / 1048576.0:F0} MiB live at the end");
        Assert.Empty(serverErrors);
        Assert.Equal(Bodies, statuses.Values.Sum() + valid.Sum());

        // Bounded: nothing the hostile bodies did stays behind once collected. The peaks are printed, not judged: the
        // heap is the whole test process's, where earlier tests' silos are still running.
        Assert.InRange(retained - baseline, long.MinValue, 256L * 1024 * 1024);
        for (var sender = 0; sender < Senders; sender++)
        {
            var gpu = await http.GetFromJsonAsync<JsonElement>($"/api/v1/gpus/{Reports.GpuUuid($"fuzzok/sender-{sender}", 1)}");
            Assert.Equal(valid[sender] * SamplesPerReport, gpu.GetProperty("samples").GetInt64());
        }

        Assert.Equal("ok", await http.GetStringAsync("/healthz"));
    }
}
