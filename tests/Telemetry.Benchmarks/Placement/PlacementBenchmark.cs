using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Telemetry.Benchmarks.Hosting;
using Telemetry.Benchmarks.Reporting;
using Telemetry.Grains;
using Telemetry.Silo.Hosting;

namespace Telemetry.Benchmarks.Placement;

/// <summary>
/// Placement on one in-process silo over a simulated fleet: the data centers' indexes are fed node
/// summaries directly, then clients post placements over HTTP for the duration (a warm-up first) and
/// the latency of each request is recorded; prints p50, p99 and placements per second.
/// </summary>
internal static class PlacementBenchmark
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);
    private static readonly int[] JobSizes = [1, 1, 2, 4, 8, 8];

    public static async Task<int> RunAsync(PlacementSettings settings, CancellationToken cancellationToken)
    {
        Console.WriteLine($"machine: {MachineInfo.Describe()}");
        Console.WriteLine($"command: {settings.CommandLine}");
        var app = TelemetrySilo.Build(
        [
            "--urls", "http://127.0.0.1:0",
            $"--Telemetry:Silo:SiloPort={FreePort.Next()}",
            $"--Telemetry:Silo:GatewayPort={FreePort.Next()}",
            "--Logging:LogLevel:Default=Warning",
            "--Telemetry:Rebalancer:Interval=01:00:00",
        ]);
        await app.StartAsync(cancellationToken);
        try
        {
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
            var grains = app.Services.GetRequiredService<IGrainFactory>();
            var feed = Stopwatch.StartNew();
            await SimulatedIndexFleet.FeedAsync(grains, settings.Nodes, settings.DataCenters, seed: 1);
            Console.WriteLine($"fed {settings.Nodes:N0} node summaries ({settings.Nodes * SimulatedIndexFleet.GpusPerNode:N0} GPUs) in {feed.Elapsed.TotalSeconds:F1} s");

            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = settings.Concurrency, UseProxy = false }) { BaseAddress = address };
            await LoadAsync(http, settings, WarmUp, cancellationToken);
            var (latencies, refused, errors, took) = await LoadAsync(http, settings, settings.Duration, cancellationToken);

            latencies.Sort();
            var table = new ResultTable("measure", ["value"])
                .Row("nodes / GPUs / data centers", [$"{settings.Nodes:N0} / {settings.Nodes * SimulatedIndexFleet.GpusPerNode:N0} / {settings.DataCenters}"])
                .Row("clients in flight", [$"{settings.Concurrency}"])
                .Row("placements answered (200 / 409)", [$"{latencies.Count - refused:N0} / {refused:N0}"])
                .Row("errors", [$"{errors:N0}"])
                .Row("placements/s", [$"{latencies.Count / took.TotalSeconds:N0}"])
                .Row("latency p50, ms", [$"{Percentile(latencies, 0.50):F2}"])
                .Row("latency p99, ms", [$"{Percentile(latencies, 0.99):F2}"])
                .Row("latency max, ms", [$"{(latencies.Count == 0 ? 0 : latencies[^1]):F2}"]);
            Console.WriteLine();
            Console.WriteLine(table.ToText());
            table.WriteMarkdown(settings.CommandLine);
            return errors == 0 ? 0 : 1;
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
        }
    }

    private static async Task<(List<double> Latencies, long Refused, long Errors, TimeSpan Took)> LoadAsync(
        HttpClient http, PlacementSettings settings, TimeSpan duration, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var perClient = await Task.WhenAll(Enumerable.Range(0, settings.Concurrency).Select(async client =>
        {
            var random = new Random(client);
            var latencies = new List<double>();
            long refused = 0, errors = 0;
            while (clock.Elapsed < duration)
            {
                var request = new
                {
                    gpus = JobSizes[random.Next(JobSizes.Length)],
                    model = random.Next(4) == 0 ? "NVIDIA H200" : "NVIDIA B200",
                    reserveSeconds = settings.ReserveSeconds,
                };
                var started = Stopwatch.GetTimestamp();
                using var response = await http.PostAsJsonAsync("/api/v1/placement", request, cancellationToken);
                await response.Content.LoadIntoBufferAsync(cancellationToken);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                refused += response.StatusCode == HttpStatusCode.Conflict ? 1 : 0;
                errors += response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict ? 0 : 1;
            }

            return (latencies, refused, errors);
        }));
        return ([.. perClient.SelectMany(c => c.latencies)], perClient.Sum(c => c.refused), perClient.Sum(c => c.errors), clock.Elapsed);
    }

    private static double Percentile(List<double> sorted, double q) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
}
