using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Telemetry.Exporter.Simulation;
using Xunit.Abstractions;

namespace Telemetry.Cluster.Tests;

/// <summary>Three silo processes with Redis membership and storage, under load, losing a silo, restarting, losing Redis.</summary>
public sealed class FailoverTests(ITestOutputHelper output)
{
    private const int Silos = 3;
    private const int Nodes = 12;
    private const int Gpus = 2;
    private const int Samples = 5;
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    /// <summary>A functional bound for "serves again", far above the measured failover (docs/operations.md).</summary>
    private static readonly TimeSpan ServesAgainWithin = TimeSpan.FromSeconds(30);

    /// <summary>Reports each node delivers before a failure, so every node has state on its silo to lose.</summary>
    private const int WarmReports = 8;

    /// <summary>Reports each node delivers after a recovery, before the checks.</summary>
    private const int RunOnReports = 8;

    [Fact]
    public async Task KillNine_OneOfThreeSilosUnderLoad_EveryNodeServesAgain_NothingAppliedTwice_VerdictsSurvive()
    {
        await using var cluster = await LocalCluster.StartAsync(Silos);
        var load = new ExporterLoop(cluster.Urls, Nodes, Gpus, Samples, Interval);
        load.FaultyNodes.UnionWith([1, 4, 7]);   // home silo 1: their grains live on the silo that will be killed
        using var stop = new CancellationTokenSource();
        var running = load.RunAsync(stop.Token);

        // The fleet simulator adds load on all three silos, failing over as exporters do.
        var simulator = new FleetSimulator(new SimulatorOptions
        {
            Servers = cluster.Urls,
            DataCenters = ["dcsim"],
            NodesPerDataCenter = 30,
            Interval = TimeSpan.FromSeconds(1),
            SamplesPerReport = 10,
            Duration = TimeSpan.FromSeconds(20),
            Seed = 11,
        });
        var simulating = simulator.RunAsync(stop.Token);
        await WaitWarmAsync(load, cluster);

        var killedAt = DateTime.UtcNow;
        cluster.KillSilo(1);
        var recovered = await WaitAllAcceptedAfterAsync(load, killedAt, cluster);
        output.WriteLine($"every node's reports accepted again {recovered.TotalSeconds:F1} s after kill -9");
        await WaitEachNodeDeliversAsync(load, RunOnReports, cluster);
        await stop.CancelAsync();
        await running;
        var simulated = await simulating;
        output.WriteLine($"simulator: {simulated.ReportsAccepted} reports accepted, {simulated.ReportsRejected} rejected, {simulated.Retries} retries");

        Assert.Equal(0, simulated.ReportsRejected);
        await AssertExactlyOnceAsync(cluster.Urls[0], load);
        await AssertUnhealthyAsync(cluster.Urls[2], load);
    }

    [Fact]
    public async Task RollingRestart_EverySiloInTurnUnderLoad_OnlyAcceptedOrUnavailable()
    {
        await using var cluster = await LocalCluster.StartAsync(Silos);
        var load = new ExporterLoop(cluster.Urls, Nodes, Gpus, Samples, Interval);
        load.FaultyNodes.UnionWith([0, 1, 2]);
        using var stop = new CancellationTokenSource();
        var running = load.RunAsync(stop.Token);
        await WaitWarmAsync(load, cluster);

        for (var i = 0; i < Silos; i++)
        {
            var watch = Stopwatch.StartNew();
            Assert.True(cluster.StopSilo(i), $"silo {i} did not stop on SIGTERM:\n{cluster.Diagnostics()}");
            output.WriteLine($"silo {i} stopped gracefully in {watch.Elapsed.TotalSeconds:F1} s");
            var restartedAt = DateTime.UtcNow;
            await cluster.StartSiloAsync(i);

            // The next silo goes only once every node is served again with this one back.
            await WaitAllAcceptedAfterAsync(load, restartedAt, cluster);
        }

        await WaitAllAcceptedAfterAsync(load, DateTime.UtcNow, cluster);
        await stop.CancelAsync();
        await running;

        var answers = load.Nodes.SelectMany(n => n.Failures.Keys).Distinct().ToArray();
        output.WriteLine($"answers other than 202: {string.Join(", ", load.Nodes.SelectMany(n => n.Failures).GroupBy(f => f.Key).Select(g => $"{g.Key}×{g.Sum(x => x.Value)}"))}");
        Assert.All(answers, a => Assert.Contains(a, new[] { "503", "refused" }));
        await AssertExactlyOnceAsync(cluster.Urls[1], load);
        await AssertUnhealthyAsync(cluster.Urls[0], load);
    }

    [Fact]
    public async Task RedisRestart_UnderLoad_ClusterKeepsServing_DurableStateKept()
    {
        await using var cluster = await LocalCluster.StartAsync(Silos);
        var load = new ExporterLoop(cluster.Urls, Nodes, Gpus, Samples, Interval);
        load.FaultyNodes.UnionWith([2, 5]);
        using var stop = new CancellationTokenSource();
        var running = load.RunAsync(stop.Token);
        await WaitWarmAsync(load, cluster);

        await cluster.RestartRedisAsync(down: TimeSpan.FromSeconds(3));
        var restartedAt = DateTime.UtcNow;
        var recovered = await WaitAllAcceptedAfterAsync(load, restartedAt, cluster);
        output.WriteLine($"every node's reports accepted again {recovered.TotalSeconds:F1} s after Redis came back");

        // A silo lost after Redis came back: what it held must come back from Redis.
        cluster.KillSilo(2);
        await WaitAllAcceptedAfterAsync(load, DateTime.UtcNow, cluster);
        await stop.CancelAsync();
        await running;

        await AssertExactlyOnceAsync(cluster.Urls[0], load);
        await AssertUnhealthyAsync(cluster.Urls[1], load);
    }

    /// <summary>Until every node has delivered <see cref="WarmReports"/> reports and the faulty nodes' GPUs read unhealthy: the state a failure must keep.</summary>
    private static async Task WaitWarmAsync(ExporterLoop load, LocalCluster cluster)
    {
        var watch = Stopwatch.StartNew();
        while (load.Nodes.Any(n => n.Delivered < WarmReports) || (await UnhealthyNodesAsync(cluster.Urls[0], load)).Count < load.FaultyNodes.Count)
        {
            if (watch.Elapsed > ServesAgainWithin)
            {
                var cold = string.Join(", ", load.Nodes.Where(n => n.Delivered < WarmReports).Select(n => $"{n.NodeId}: {n.Delivered}"));
                var unhealthy = await UnhealthyNodesAsync(cluster.Urls[0], load);
                Assert.Fail($"not warm within {ServesAgainWithin}: reports delivered below {WarmReports}: [{cold}]; faulty nodes read unhealthy: [{string.Join(", ", unhealthy)}] of [{string.Join(", ", load.FaultyNodes)}]\n{cluster.Diagnostics()}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Until every node has delivered <paramref name="more"/> reports beyond what it had: the load runs on after a recovery.</summary>
    private static async Task WaitEachNodeDeliversAsync(ExporterLoop load, int more, LocalCluster cluster)
    {
        var target = load.Nodes.Select(n => n.Delivered + more).ToArray();
        var watch = Stopwatch.StartNew();
        while (load.Nodes.Where((n, i) => n.Delivered < target[i]).Any())
        {
            if (watch.Elapsed > ServesAgainWithin)
            {
                var behind = string.Join(", ", load.Nodes.Where((n, i) => n.Delivered < target[i]).Select(n => n.NodeId));
                Assert.Fail($"nodes without {more} more reports within {ServesAgainWithin}: {behind}\n{cluster.Diagnostics()}");
            }

            await Task.Delay(50);
        }
    }

    private static async Task<TimeSpan> WaitAllAcceptedAfterAsync(ExporterLoop load, DateTime since, LocalCluster cluster)
    {
        var watch = Stopwatch.StartNew();
        while (load.Nodes.Any(n => n.LastAcceptedAt <= since))
        {
            if (watch.Elapsed > ServesAgainWithin)
            {
                var stuck = string.Join(", ", load.Nodes.Where(n => n.LastAcceptedAt <= since).Select(n => n.NodeId));
                Assert.Fail($"nodes not accepted again within {ServesAgainWithin}: {stuck}\n{cluster.Diagnostics()}");
            }

            await Task.Delay(50);
        }

        return watch.Elapsed;
    }

    /// <summary>Every report delivered is the node's last applied seq, and no GPU holds more samples than were sent.</summary>
    private static async Task AssertExactlyOnceAsync(Uri silo, ExporterLoop load)
    {
        using var http = new HttpClient { BaseAddress = silo, Timeout = TimeSpan.FromSeconds(30) };
        foreach (var node in load.Nodes)
        {
            var snapshot = await http.GetFromJsonAsync<JsonElement>($"/api/v1/nodes/{node.NodeId}");
            Assert.Equal((ulong)node.Delivered, snapshot.GetProperty("lastSeq").GetUInt64());
            Assert.True(node.Applied <= node.Delivered, $"{node.NodeId}: {node.Applied} applied of {node.Delivered} delivered");
            for (var g = 0; g < Gpus; g++)
            {
                var gpu = await http.GetFromJsonAsync<JsonElement>($"/api/v1/gpus/{ExporterLoop.GpuUuid(node.NodeId, g)}");
                var applied = gpu.GetProperty("samples").GetInt64();
                Assert.True(applied <= (long)node.Delivered * Samples, $"{node.NodeId} GPU {g}: {applied} samples applied, {node.Delivered * Samples} sent");
            }
        }
    }

    /// <summary>
    /// The faulty GPUs read unhealthy. The load has stopped, so no report can judge a GPU again: a verdict lost in
    /// the failure stays lost, and the wait only lets a just-restarted silo settle (a 503 while it joins).
    /// </summary>
    private static async Task AssertUnhealthyAsync(Uri silo, ExporterLoop load)
    {
        var watch = Stopwatch.StartNew();
        var unhealthy = await UnhealthyNodesAsync(silo, load);
        while (unhealthy.Count < load.FaultyNodes.Count && watch.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(100);
            unhealthy = await UnhealthyNodesAsync(silo, load);
        }

        Assert.True(load.FaultyNodes.Order().SequenceEqual(unhealthy.Order()), $"faulty nodes read unhealthy: [{string.Join(", ", unhealthy)}] of [{string.Join(", ", load.FaultyNodes)}]; their GPUs answer: {await GpuAnswersAsync(silo, load)}");
    }

    /// <summary>What the silo answers for each faulty node's faulty GPU: the status, and the health state when there is one.</summary>
    private static async Task<string> GpuAnswersAsync(Uri silo, ExporterLoop load)
    {
        using var http = new HttpClient { BaseAddress = silo, Timeout = TimeSpan.FromSeconds(30) };
        var answers = new List<string>();
        foreach (var index in load.FaultyNodes)
        {
            var uuid = ExporterLoop.GpuUuid(load.Nodes[index].NodeId, ExporterLoop.UnhealthyGpuIndex);
            using var response = await http.GetAsync(new Uri($"/api/v1/gpus/{uuid}", UriKind.Relative));
            var body = await response.Content.ReadAsStringAsync();
            answers.Add($"{uuid}: {(int)response.StatusCode} {(body.Length > 300 ? body[..300] : body)}");
        }

        return string.Join("; ", answers);
    }

    /// <summary>The faulty nodes whose faulty GPU the silo reports unhealthy.</summary>
    private static async Task<List<int>> UnhealthyNodesAsync(Uri silo, ExporterLoop load)
    {
        using var http = new HttpClient { BaseAddress = silo, Timeout = TimeSpan.FromSeconds(30) };
        var unhealthy = new List<int>();
        foreach (var index in load.FaultyNodes)
        {
            var uuid = ExporterLoop.GpuUuid(load.Nodes[index].NodeId, ExporterLoop.UnhealthyGpuIndex);
            using var response = await http.GetAsync(new Uri($"/api/v1/gpus/{uuid}", UriKind.Relative));
            if (!response.IsSuccessStatusCode)
            {
                continue;
            }

            var gpu = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (gpu.GetProperty("health").GetProperty("state").GetString() == "unhealthy")
            {
                unhealthy.Add(index);
            }
        }

        return unhealthy;
    }
}
