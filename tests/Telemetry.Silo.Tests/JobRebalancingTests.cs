using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orleans.Core.Internal;
using Telemetry.Grains;
using Telemetry.Jobs;

namespace Telemetry.Silo.Tests;

/// <summary>What the rebalancer reads from jobs: their tenants, and with the switch on, their stragglers. A silo of its own, rebalancing every second.</summary>
public sealed class JobRebalancingTests : IAsyncLifetime
{
    private RunningSilo _silo = null!;

    public async Task InitializeAsync() =>
        _silo = await RunningSilo.StartAsync("--Telemetry:Rebalancer:Interval=00:00:01", "--Telemetry:Nodes:MinOfflineAfter=00:05:00");

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task PlacedJobsTenant_IsKeptByTheJob_AndSurvivesItsDeactivation()
    {
        var dc = "jrt";
        await PlacementCalls.ReportAsync(_silo.Http, dc, gpus: 2);
        await PlacementCalls.WaitForFreeAsync(_silo.Http, dc, 2);
        var jobId = $"job-{Guid.NewGuid():N}";
        await PlacementCalls.PlaceOkAsync(_silo.Http, new { gpus = 1, dataCenters = new[] { dc }, reserveSeconds = 120, jobId, tenant = "uni-t" });
        var job = _silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IJobGrain>(jobId);

        // A window makes the activation hold a GPU, so a fresh activation is told apart by holding none.
        await job.ReportWindowAsync(new JobWindow { Uuid = "GPU-jrt-0", Node = $"{dc}/n1", BucketStartMs = Reports.NowMs() / 10_000 * 10_000 });
        await Eventually.GetAsync(job.GetSnapshotAsync, s => s is not null, what: "the job to hold its GPU");
        await job.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        await Eventually.GetAsync(job.GetSnapshotAsync, s => s is null, what: "a fresh activation of the job");

        Assert.Equal("uni-t", await job.GetTenantAsync());
    }

    [Fact]
    public async Task Straggler_WithDrainStragglerNodesOn_DrainsItsNode_NamingTheJobTheGpuAndTheSignal()
    {
        await PatchAsync("""{"drainStragglerNodes": true}""");

        var (job, nodes, straggler) = await StragglingJob.ReportAsync(_silo.Http);

        var decisions = await Eventually.GetAsync(
            () => _silo.Http.GetFromJsonAsync<JsonElement[]>("/api/v1/rebalance/decisions?limit=50"),
            d => d!.Any(x => x.GetProperty("kind").GetString() == "drain" && x.GetProperty("node").GetString() == nodes[1]),
            TimeSpan.FromSeconds(30), what: $"a drain decision for {nodes[1]}");
        var drain = decisions!.Single(x => x.GetProperty("kind").GetString() == "drain" && x.GetProperty("node").GetString() == nodes[1]);
        Assert.Equal(straggler, drain.GetProperty("gpu").GetString());
        Assert.Equal(job, drain.GetProperty("jobId").GetString());
        Assert.Contains(StragglingJob.Reason, drain.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(0.35, drain.GetProperty("signals").GetProperty("sm_active").GetDouble(), 6);
        Assert.DoesNotContain(decisions!, d => d.GetProperty("kind").GetString() == "drain" && d.GetProperty("node").GetString() == nodes[0]);
        await Eventually.GetAsync(
            () => _silo.Http.GetFromJsonAsync<JsonElement>($"/api/v1/nodes/{nodes[1]}"), n => n.GetProperty("drained").GetBoolean(), what: "the straggler's node drained");
    }

    [Fact]
    public async Task Policy_PutWithoutDrainStragglerNodes_KeepsItsValue()
    {
        await PatchAsync("""{"drainStragglerNodes": true}""");
        var policy = (await _silo.Http.GetFromJsonAsync<JsonElement>("/api/v1/rebalance/policy")).Deserialize<Dictionary<string, object>>()!;
        policy.Remove("drainStragglerNodes");
        policy["dryRun"] = true;

        var put = await _silo.Http.PutAsJsonAsync("/api/v1/rebalance/policy", policy);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var read = await _silo.Http.GetFromJsonAsync<JsonElement>("/api/v1/rebalance/policy");
        Assert.True(read.GetProperty("drainStragglerNodes").GetBoolean());
        Assert.True(read.GetProperty("dryRun").GetBoolean());
    }

    private async Task PatchAsync(string body)
    {
        using var patch = new StringContent(body, System.Text.Encoding.UTF8, "application/merge-patch+json");
        (await _silo.Http.PatchAsync("/api/v1/rebalance/policy", patch)).EnsureSuccessStatusCode();
    }
}
