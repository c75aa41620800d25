using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemetry.Silo.Ingest;

namespace Telemetry.Silo.Tests.Overload;

/// <summary>
/// Far more ingest offered than a silo takes at once (64 senders against room for 2): the rest is refused with 429
/// and Retry-After rather than queued, memory stays flat, and every body retried after its 429 is applied once.
/// </summary>
[Collection(MeasuredCollection.Name)]
public sealed class OverloadTests
{
    private const int Limit = 2;
    private const int Senders = 64;
    private const int BodiesPerSender = 40;

    [Fact]
    public async Task Ingest_OverTheConcurrencyBound_Answers429WithRetryAfterAndBoundsMemory()
    {
        await using var silo = await RunningSilo.StartAsync($"--Ingest:MaxConcurrentRequests={Limit}");
        var gate = silo.Services.GetRequiredService<IngestGate>();
        var statuses = new ConcurrentDictionary<HttpStatusCode, int>();
        var retryAfterMissing = 0;
        var nodes = Enumerable.Range(0, Senders).Select(_ => Reports.UniqueNode("ovl")).ToArray();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(false));
                await Task.Delay(10);
            }
        });

        await Parallel.ForEachAsync(nodes, new ParallelOptions { MaxDegreeOfParallelism = Senders }, async (node, ct) =>
        {
            var newest = Reports.NowMs() - 600_000;
            for (var seq = 1UL; seq <= BodiesPerSender; seq++)
            {
                // Each body is retried unchanged after a 429, as WIRE.md tells exporters, but without waiting, to keep the pressure on.
                var body = Reports.Encode(Reports.Make(node, seq, newest + ((long)seq * 10_000), gpus: 8, samples: 10));
                while (true)
                {
                    using var response = await silo.Http.PostAsync("/api/v1/ingest", Reports.Content(body), ct);
                    statuses.AddOrUpdate(response.StatusCode, 1, (_, n) => n + 1);
                    if (response.StatusCode != HttpStatusCode.TooManyRequests)
                    {
                        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                        Assert.Equal(new IngestAnswer(1, 80, 0), await response.Content.ReadFromJsonAsync<IngestAnswer>(ct));
                        break;
                    }

                    if (response.Headers.RetryAfter?.Delta != TimeSpan.FromSeconds(1) || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                    {
                        Interlocked.Increment(ref retryAfterMissing);
                    }
                }
            }
        });
        await sampling.CancelAsync();
        await sampler;

        var growthMiB = (peak - baseline) / (1024.0 * 1024.0);
        Console.WriteLine($"overload: {statuses.GetValueOrDefault(HttpStatusCode.Accepted)} accepted, {statuses.GetValueOrDefault(HttpStatusCode.TooManyRequests)} answered 429, peak in flight {gate.PeakInFlight}/{Limit}, managed heap {baseline / 1048576.0:F0} MiB at start, peak {peak / 1048576.0:F0} MiB (+{growthMiB:F0} MiB)");
        Assert.Equal(Senders * BodiesPerSender, statuses[HttpStatusCode.Accepted]);
        Assert.True(statuses.GetValueOrDefault(HttpStatusCode.TooManyRequests) > 0, "no 429 at 32 times the bound");
        Assert.Equal(0, retryAfterMissing);
        Assert.InRange(gate.PeakInFlight, 1, Limit);
        Assert.Equal(0, gate.InFlight);

        // 64 senders × one 8-GPU body of ~25 KiB at a time: the bound keeps the silo's share to a few bodies, so
        // anything near 256 MiB would mean bodies pile up somewhere.
        Assert.InRange(growthMiB, double.MinValue, 256);
        var gpu = await silo.Http.GetFromJsonAsync<JsonElement>($"/api/v1/gpus/{Reports.GpuUuid(nodes[0], 7)}");
        Assert.Equal(BodiesPerSender * 10, gpu.GetProperty("samples").GetInt64());
    }
}
