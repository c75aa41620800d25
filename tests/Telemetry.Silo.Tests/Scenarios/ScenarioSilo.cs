using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Telemetry.Exporter.Sending;
using Telemetry.Exporter.Simulation;
using Telemetry.Exporter.Simulation.Scenarios;

namespace Telemetry.Silo.Tests.Scenarios;

/// <summary>
/// A scenario through the real simulator against a real silo: 3 data centers × 20 nodes × 8 GPUs at a steady load,
/// reporting every second, the rebalancer running every second and the scenario's timeline ten times faster than real
/// time (its event comes after 6 s). Seeded, so every run sees the same fleet.
/// </summary>
internal sealed class ScenarioSilo : IAsyncDisposable
{
    public const int NodesPerDataCenter = 20;
    public static readonly string[] DataCenters = ["dc1", "dc2", "dc3"];

    private readonly CancellationTokenSource _stop = new();
    private RunningSilo _silo = null!;
    private Task<SendStats> _running = Task.FromResult<SendStats>(null!);

    public HttpClient Http => _silo.Http;

    /// <summary>When the scenario's event began, by the test's clock.</summary>
    public DateTimeOffset EventAt { get; private set; }

    public static async Task<ScenarioSilo> StartAsync(ScenarioKind kind, string policyPatch = "{}")
    {
        var run = new ScenarioSilo();
        run._silo = await RunningSilo.StartAsync(
            "--Telemetry:Rebalancer:Interval=00:00:01",
            "--Telemetry:Nodes:MinOfflineAfter=00:00:03",
            "--Telemetry:Nodes:CheckPeriod=00:00:00.250");

        // Cooldowns short enough for a compressed timeline; the rest of the policy is the default.
        using var patch = new StringContent(
            JsonSerializer.Serialize(MergedPatch(policyPatch)), Encoding.UTF8, "application/merge-patch+json");
        var patched = await run.Http.PatchAsync("/api/v1/rebalance/policy", patch);
        patched.EnsureSuccessStatusCode();

        var simulator = new FleetSimulator(new SimulatorOptions
        {
            Servers = [run._silo.BaseAddress],
            DataCenters = DataCenters,
            NodesPerDataCenter = NodesPerDataCenter,
            Interval = TimeSpan.FromSeconds(1),
            SamplesPerReport = 2,
            XidRatePerGpuHour = 0,
            Scenario = kind,
            ScenarioSpeed = Speed,
            Load = 0.65,
            Seed = 42,
        });
        run.EventAt = DateTimeOffset.UtcNow + (Scenario.LeadIn / Speed);
        run._running = simulator.RunAsync(run._stop.Token);
        return run;
    }

    /// <summary>How much faster than real time the scenario runs.</summary>
    public const double Speed = 10;

    public async Task<JsonElement[]> DecisionsAsync() =>
        (await Http.GetFromJsonAsync<JsonElement[]>("/api/v1/rebalance/decisions?limit=2000"))!.Reverse().ToArray();

    public async Task<JsonElement[]> AlertsAsync() => (await Http.GetFromJsonAsync<JsonElement[]>("/api/v1/rebalance/alerts"))!;

    /// <summary>Decisions oldest first, once <paramref name="condition"/> holds of them.</summary>
    public Task<JsonElement[]> WaitForDecisionsAsync(Func<JsonElement[], bool> condition, string what, int seconds = 40) =>
        Eventually.GetAsync(DecisionsAsync, condition, TimeSpan.FromSeconds(seconds), what);

    public async Task<double> WeightAsync(string dc) =>
        (await Http.GetFromJsonAsync<JsonElement>($"/api/v1/datacenters/{dc}")).GetProperty("admissionWeight").GetDouble();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        var stats = await _running;
        _stop.Dispose();
        await _silo.DisposeAsync();
        Assert.True(stats is null || stats.ReportsRejected == 0, $"{stats?.ReportsRejected} reports were rejected");
    }

    private static Dictionary<string, object> MergedPatch(string extra)
    {
        var patch = new Dictionary<string, object> { ["pairCooldownSeconds"] = 5 };
        foreach (var (key, value) in JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(extra)!)
        {
            patch[key] = value;
        }

        return patch;
    }
}
