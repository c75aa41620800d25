using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using StackExchange.Redis;
using Telemetry.Grains;
using Telemetry.Grains.DataCenters;
using Telemetry.Grains.Nodes;
using Xunit.Abstractions;

namespace Telemetry.Cluster.Tests;

/// <summary>Fleet totals across a kill -9 of the silo that holds the data-center grain, while every node keeps reporting.</summary>
public sealed partial class FleetTotalsTests(ITestOutputHelper output)
{
    private const int Silos = 3;
    private const int Nodes = 12;
    private const int Gpus = 2;
    private const int Samples = 5;
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    private static readonly Serializer Serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    /// <summary>A functional bound for every wait, far above what each takes (docs/operations.md).</summary>
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Reports each node delivers after the failover while the totals are sampled: two node heartbeats' worth, the
    /// time a data center that lost its nodes took to hear from each again.
    /// </summary>
    private static readonly int SampledReports = (int)(2 * new NodeMonitorOptions().SummaryHeartbeat / Interval);

    [Fact]
    public async Task KillNine_SiloHoldingTheDataCenter_FleetTotalsNeverUnderCountReportingNodes_OnlyWholeOr503()
    {
        await using var cluster = await LocalCluster.StartAsync(Silos);
        var load = new ExporterLoop(cluster.Urls, Nodes, Gpus, Samples, Interval);
        using var stop = new CancellationTokenSource();
        var running = load.RunAsync(stop.Token);
        await WaitAsync(async () => await FleetAsync(cluster.Urls[0]) is { } fleet && fleet.IsWhole, "fleet totals whole before the kill", cluster);

        // A node that joined in the last moments before a crash is counted again at its next summary (docs/operations.md);
        // every node here has been in the data center long enough to be written down.
        using var redis = await ConnectionMultiplexer.ConnectAsync(cluster.RedisEndpoint);
        await WaitAsync(async () => await WrittenDownAsync(redis.GetDatabase()) == Nodes, $"all {Nodes} nodes written down by the data center", cluster);

        var host = await DataCenterHostAsync(cluster);
        var survivors = cluster.Urls.Where((_, i) => i != host).ToArray();
        var killedAt = DateTime.UtcNow;
        cluster.KillSilo(host);

        var samples = new List<(TimeSpan After, FleetTotals Totals)>();
        var failures = new Dictionary<string, int>(StringComparer.Ordinal);
        int[]? target = null;
        var watch = Stopwatch.StartNew();
        for (var i = 0; target is null || load.Nodes.Where((n, k) => n.Delivered < target[k]).Any(); i++)
        {
            if (watch.Elapsed > Within + Within)
            {
                Assert.Fail($"the load did not run on for {SampledReports} reports per node after the failover\n{cluster.Diagnostics()}");
            }

            if (target is null && load.Nodes.All(n => n.LastAcceptedAt > killedAt))
            {
                output.WriteLine($"every node's reports accepted again {(DateTime.UtcNow - killedAt).TotalSeconds:F1} s after kill -9 of silo {host}");
                target = [.. load.Nodes.Select(n => n.Delivered + SampledReports)];
            }

            var silo = survivors[i % survivors.Length];
            try
            {
                using var http = new HttpClient { BaseAddress = silo, Timeout = TimeSpan.FromSeconds(10) };
                using var response = await http.GetAsync(new Uri("/api/v1/fleet", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    samples.Add((DateTime.UtcNow - killedAt, FleetTotals.From(await response.Content.ReadFromJsonAsync<JsonElement>())));
                }
                else
                {
                    Count(failures, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Count(failures, e.GetType().Name);
            }

            await Task.Delay(100);
        }

        await stop.CancelAsync();
        await running;
        var short_ = samples.Where(s => !s.Totals.IsWhole).ToArray();
        output.WriteLine($"{samples.Count} fleet samples over {samples[^1].After.TotalSeconds:F1} s after the kill, {short_.Length} short; other answers: {string.Join(", ", failures.Select(f => $"{f.Key}×{f.Value}"))}");
        Assert.True(samples.Count >= 20, $"only {samples.Count} fleet answers after the kill; other answers: {string.Join(", ", failures.Select(f => $"{f.Key}×{f.Value}"))}");
        Assert.All(failures.Keys, answer => Assert.Equal("503", answer));
        Assert.True(short_.Length == 0, $"fleet totals under-counted {Nodes} reporting nodes ({Nodes * Gpus} GPUs) in {short_.Length} of {samples.Count} samples, first: "
            + string.Join("; ", short_.Take(5).Select(s => $"+{s.After.TotalSeconds:F1} s: {s.Totals}")) + $"\n{cluster.Diagnostics()}");
    }

    /// <summary>The silo that activated the data-center grain (the load's one data center), by Orleans' own activation counter.</summary>
    private static async Task<int> DataCenterHostAsync(LocalCluster cluster)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < Within)
        {
            for (var i = 0; i < cluster.Urls.Count; i++)
            {
                var text = await http.GetStringAsync(new Uri(cluster.Urls[i], "/metrics"));
                if (DataCenterActivations().Match(text) is { Success: true } m && int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) > 0)
                {
                    return i;
                }
            }

            await Task.Delay(500);
        }

        Assert.Fail($"no silo's /metrics counted a data-center activation within {Within}\n{cluster.Diagnostics()}");
        return -1;
    }

    /// <summary>
    /// How many nodes the data-center grain has written to Redis (its storage key and Orleans' serializer, as the silo
    /// writes them), read back as a new activation reads them.
    /// </summary>
    private static async Task<int> WrittenDownAsync(IDatabase redis)
    {
        var data = await redis.HashGetAsync("telemetry/state/datacenter/dcc/datacenter", "data");
        if (data.IsNull)
        {
            return 0;
        }

        var restored = new DataCenterAggregate("dcc");
        restored.Restore(Serializer.Deserialize<DataCenterDurableState>((byte[])data!)!, DateTimeOffset.UtcNow);
        return restored.NodeCount;
    }

    private static async Task<FleetTotals?> FleetAsync(Uri silo)
    {
        using var http = new HttpClient { BaseAddress = silo, Timeout = TimeSpan.FromSeconds(10) };
        using var response = await http.GetAsync(new Uri("/api/v1/fleet", UriKind.Relative));
        return response.IsSuccessStatusCode ? FleetTotals.From(await response.Content.ReadFromJsonAsync<JsonElement>()) : null;
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, string what, LocalCluster cluster)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > Within)
            {
                Assert.Fail($"not {what} within {Within}\n{cluster.Diagnostics()}");
            }

            await Task.Delay(100);
        }
    }

    private static void Count(Dictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    [GeneratedRegex("""^orleans_catalog_activation_created_total\{[^}]*grain_type="datacenter"[^}]*\} (\d+)""", RegexOptions.Multiline)]
    private static partial Regex DataCenterActivations();

    /// <summary>What a fleet answer counts: whole when every node of the load and every GPU is counted, none offline.</summary>
    private sealed record FleetTotals(int DataCenters, int Nodes, int Gpus, int Offline)
    {
        public bool IsWhole => Nodes == FleetTotalsTests.Nodes && Gpus == FleetTotalsTests.Nodes * FleetTotalsTests.Gpus && Offline == 0;

        public static FleetTotals From(JsonElement fleet) => new(
            fleet.GetProperty("dataCenterCount").GetInt32(),
            fleet.GetProperty("nodes").GetInt32(),
            fleet.GetProperty("gpus").GetInt32(),
            fleet.GetProperty("gpusByHealth").GetProperty("offline").GetInt32());
    }
}
