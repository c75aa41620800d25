using Microsoft.Extensions.Logging;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Telemetry.Replay;
using Telemetry.Replay.Engines;
using Telemetry.Replay.Live;
using Telemetry.Replay.Policies;
using Telemetry.Replay.Results;

namespace Telemetry.Silo.Tests.Replay;

/// <summary>
/// Short replays of the real trace against a real silo, as <c>telemetry-exporter replay</c> runs them: the
/// invariants hold (no GPU over-allocated, every task placed, failed or queued, tenants' data centers and
/// models honoured) and the replay acts on decisions (no task starts on a node it was told to drain).
/// </summary>
public sealed class ReplayAgainstSiloTests : IAsyncLifetime, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("replay-").FullName;
    private readonly LogCapture _logs = new();
    private RunningSilo _silo = null!;

    // The replay's nodes report every second, which would make them offline after 3 s of silence (the test default is
    // a 1-s minimum). These tests judge placement and decisions, not silence: on a machine loaded by the other tests'
    // silos a node's report can take longer than that, and a node read offline turns placements away while the
    // replay's own fleet still has room. So a node is offline here only after 30 s.
    public async Task InitializeAsync() =>
        _silo = await RunningSilo.StartAsync(
            ["--Telemetry:Rebalancer:Interval=00:00:01", "--Telemetry:Nodes:MinOfflineAfter=00:00:30"], builder => builder.Logging.AddProvider(_logs), map: null);

    public void Dispose() => _logs.Dispose();

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Packing_SiloAndBaseline_KeepTheInvariants()
    {
        var tenants = Path.Combine(_folder, "tenants.json");
        await File.WriteAllTextAsync(tenants, """{ "tenants": [ { "name": "uni-a", "share": 0.4, "dataCenters": [1] } ] }""");
        var options = Options(ReplayModes.Packing, [PolicyNames.Silo, PolicyNames.FirstFit]) with { TenantsPath = tenants };
        var connector = new RecordingConnector(new SiloClusterConnector(TimeProvider.System, _ => { }));

        var results = await new ReplayRunner(options, connector, _ => { }).RunAsync(CancellationToken.None);

        foreach (var r in results)
        {
            Assert.True(r.Tasks >= 100, $"{r.Policy}: only {r.Tasks} tasks arrived");
            Assert.Equal(r.Tasks, r.Placed + r.Failed + r.Queued);
            Assert.InRange(r.ArrivedDemandPct!.Value, 100, 110);
            Assert.Equal(0, r.DoubleAllocations);
            Assert.Equal(0, r.ConstraintViolations);
        }

        // The silo refuses only what the fleet has no room for: a refusal while the replay's own fleet could have taken the
        // task means the silo worked from a stale view (node summaries, reservations or admission weights lagging). A node
        // whose reports stall past the test's 3 s offline window on a loaded machine may cost a task or two, hence the margin.
        // Every fifth task asks for a T4 and two in five may run only in dc1: the silo leaves the scarce 2-GPU T4 nodes and
        // dc1 to the tasks that need them (docs/placement.md, scarcity), so it places as many as first-fit (337 and 341 against
        // first-fit's 337 in two runs; 262–281 before). The margin, a twentieth of the tasks, is for a node whose reports stall on a loaded machine.
        var (silo, firstFit) = (results[0], results[1]);
        var why = await StaleViewSignsAsync();
        Assert.True(silo.Placed >= firstFit.Placed - (silo.Tasks / 20), $"the silo placed {silo.Placed} of {silo.Tasks}, first-fit {firstFit.Placed}; {why}");
        Assert.True(silo.RefusalsWithRoom <= silo.Tasks / 50, $"the silo refused {silo.RefusalsWithRoom} tasks that the fleet had room for; {why}");
        Assert.True(File.Exists(Path.Combine(_folder, "out", "summary.json")));
        Assert.Equal(2, SummaryWriter.FromJson(await File.ReadAllTextAsync(Path.Combine(_folder, "out", "summary.json"))).Count);

        // Apart from the replay's checker: the silo itself holds no GPU over its capacity.
        var fleet = connector.LastFleet!;
        foreach (var dc in fleet.DataCenters)
        {
            var map = await _silo.Http.GetFromJsonAsync<JsonObject>($"/api/v1/datacenters/{dc}?pageSize=1000");
            foreach (var node in map!["nodeList"]!.AsArray())
            {
                foreach (var shared in node!["sharedGpus"]?.AsArray() ?? [])
                {
                    Assert.InRange(shared!["usedMilli"]!.GetValue<int>(), 1, 1000);
                }
            }
        }
    }

    [Fact]
    public async Task Timeline_RebalanceOn_ActsOnDrainsAndKeepsTheInvariants()
    {
        var options = Options(ReplayModes.Timeline, [PolicyNames.Silo]) with
        {
            Window = new TimelineWindow(11_000_000, 11_200_000),
            Load = 20,
            Speed = 400,
            FaultsPerGpuHour = 0.05,
        };
        var connector = new RecordingConnector(new SiloClusterConnector(TimeProvider.System, _ => { }));

        var result = (await new ReplayRunner(options, connector, _ => { }).RunAsync(CancellationToken.None)).Single();

        Assert.Equal(result.Tasks, result.Placed + result.Failed + result.Queued);
        Assert.Equal(0, result.DoubleAllocations);
        Assert.Equal(0, result.ConstraintViolations);
        Assert.True(result.Faults > 0, "no fault was injected");

        // Every drain the replay acknowledged holds until its undrain: no start on that node in between.
        // A move off a node (evacuating it after a GPU fault) leaves that node.
        var drained = new HashSet<string>();
        var lastStart = new Dictionary<string, string>();
        var prefix = connector.LastFleet!.Prefix;
        int drains = 0, moves = 0;
        foreach (var (kind, node, what) in connector.Log)
        {
            switch (kind)
            {
                case "drain":
                    drains++;
                    drained.Add(node);
                    break;
                case "undrain":
                    drained.Remove(node);
                    break;
                case "migrate":
                    moves++;
                    Assert.NotEqual(node, lastStart[what[prefix.Length..]]);
                    break;
                default:
                    Assert.False(drained.Contains(node), $"task {what} started on {node}, which the replay had drained");
                    lastStart[what] = node;
                    break;
            }
        }

        Assert.True(drains > 0, "the rebalancer drained no node, or the replay did not act on it");
        Assert.True(result.DecisionsActedOn >= drains + moves);
        Assert.True(result.Migrations >= moves);
    }

    // What a refusal with room would come from, for the failure message: nodes judged silent, data centers turned down.
    private async Task<string> StaleViewSignsAsync()
    {
        var silent = _logs.Lines.Count(l => l.Contains("has been silent", StringComparison.Ordinal));
        var decisions = await _silo.Http.GetFromJsonAsync<JsonArray>("/api/v1/rebalance/decisions?limit=2000") ?? [];
        var shifts = decisions.Select(d => d?["reason"]?.GetValue<string>()).Where(r => r is not null && r.Contains("admission weight", StringComparison.Ordinal));
        return $"{silent} nodes judged silent; shifts: {string.Join(" | ", shifts)}";
    }

    private ReplayOptions Options(string mode, string[] policies) => new()
    {
        Servers = [_silo.BaseAddress],
        TracePath = ReplayFixtures.Tasks(_folder, 11_000_000, 11_200_000),
        NodesPath = ReplayFixtures.Nodes(_folder, 20),
        DataCenters = 2,
        Mode = mode,
        Policies = policies,
        Rebalance = true,
        Seed = 3,
        OutDirectory = Path.Combine(_folder, "out"),
        ReportEverySeconds = 1,
    };
}
