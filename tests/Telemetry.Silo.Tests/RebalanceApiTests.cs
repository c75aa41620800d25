using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Telemetry.Silo.Tests;

/// <summary>The rebalancer on its own silo, running every second, so its drains touch no other test's nodes.</summary>
public sealed class RebalanceApiTests : IAsyncLifetime
{
    private RunningSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await RunningSilo.StartAsync("--Telemetry:Rebalancer:Interval=00:00:01", "--Telemetry:Nodes:MinOfflineAfter=00:10:00");

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task UnhealthyNode_IsDrained_DecisionListedAndAcknowledged()
    {
        // A node with no job is drained (rather than evacuated) at the drain threshold: one GPU here.
        await PatchAsync("""{"drainUnhealthyGpus": 1}""");

        // Three healthy nodes with it, so one unhealthy node is a quarter of the data center: below the breaker.
        for (var i = 0; i < 3; i++)
        {
            await _silo.Http.PostAsync("/api/v1/ingest", Reports.Content(Reports.Encode(Reports.Make(Reports.UniqueNode("rb1"), 1, Reports.NowMs()))));
        }

        var node = Reports.UniqueNode("rb1");
        await _silo.Http.PostAsync("/api/v1/ingest", Reports.Content(Reports.Encode(Reports.Make(node, 1, Reports.NowMs(), xids: [79]))));

        var decisions = await Eventually.GetAsync(
            () => _silo.Http.GetFromJsonAsync<JsonElement[]>("/api/v1/rebalance/decisions?limit=50"),
            d => d!.Any(x => x.GetProperty("kind").GetString() == "drain" && x.GetProperty("node").GetString() == node),
            what: $"a drain decision for {node}");
        var drain = decisions!.First(x => x.GetProperty("kind").GetString() == "drain");
        Assert.Equal("proposed", drain.GetProperty("status").GetString());
        Assert.Equal(1, drain.GetProperty("signals").GetProperty("unhealthyGpus").GetDouble());

        var nodeBody = await Eventually.GetAsync(
            () => _silo.Http.GetFromJsonAsync<JsonElement>($"/api/v1/nodes/{node}"), n => n.GetProperty("drained").GetBoolean(), what: "the node drained");
        Assert.Equal(0, nodeBody.GetProperty("freeGpus").GetInt32());

        var ack = await _silo.Http.PostAsync($"/api/v1/rebalance/decisions/{drain.GetProperty("id").GetString()}/ack", null);
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        Assert.Equal("acknowledged", (await ack.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await _silo.Http.PostAsync("/api/v1/rebalance/decisions/d-nope/ack", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _silo.Http.GetAsync("/api/v1/rebalance/decisions?limit=0")).StatusCode);
        Assert.Empty((await _silo.Http.GetFromJsonAsync<JsonElement[]>($"/api/v1/rebalance/decisions?since={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(1).ToString("O"))}"))!);
    }

    [Fact]
    public async Task WholeDataCenterUnhealthy_TripsTheBreaker_AlertListedAndNothingDrained()
    {
        var node = Reports.UniqueNode("rbstorm");
        await _silo.Http.PostAsync("/api/v1/ingest", Reports.Content(Reports.Encode(Reports.Make(node, 1, Reports.NowMs(), xids: [79]))));

        var alerts = await Eventually.GetAsync(
            () => _silo.Http.GetFromJsonAsync<JsonElement[]>("/api/v1/rebalance/alerts"),
            a => a!.Any(x => x.GetProperty("dataCenter").GetString() == "rbstorm"),
            what: "a breaker alert for rbstorm");

        var alert = alerts!.First(x => x.GetProperty("dataCenter").GetString() == "rbstorm");
        Assert.Equal("breaker", alert.GetProperty("kind").GetString());
        Assert.True(alert.GetProperty("active").GetBoolean());
        var decisions = await _silo.Http.GetFromJsonAsync<JsonElement[]>("/api/v1/rebalance/decisions");
        Assert.DoesNotContain(decisions!, d => d.TryGetProperty("node", out var n) && n.GetString() == node);
    }

    [Fact]
    public async Task Policy_RoundTrips_AndTenantRulesLimitPlacement()
    {
        var dcA = "rbta";
        await _silo.Http.PostAsync("/api/v1/ingest", Reports.Content(Reports.Encode(Reports.Make(Reports.UniqueNode(dcA), 1, Reports.NowMs(), gpus: 2))));
        await Eventually.GetAsync(() => _silo.Http.GetAsync($"/api/v1/datacenters/{dcA}"), r => r.IsSuccessStatusCode, what: $"{dcA} registered");
        var policy = await _silo.Http.GetFromJsonAsync<JsonElement>("/api/v1/rebalance/policy");
        var changed = JsonSerializer.Deserialize<Dictionary<string, object>>(policy.GetRawText())!;
        changed["tenantDataCenters"] = new Dictionary<string, string[]> { ["uni-x"] = ["elsewhere"] };

        Assert.Equal(HttpStatusCode.OK, (await _silo.Http.PutAsJsonAsync("/api/v1/rebalance/policy", changed)).StatusCode);

        var read = await _silo.Http.GetFromJsonAsync<JsonElement>("/api/v1/rebalance/policy");
        Assert.Equal("elsewhere", read.GetProperty("tenantDataCenters").GetProperty("uni-x")[0].GetString());
        var placed = await _silo.Http.PostAsJsonAsync("/api/v1/placement", new { gpus = 1, tenant = "uni-x", dataCenters = new[] { dcA } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, placed.StatusCode);
        Assert.Contains("may run only in elsewhere", await placed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Policy_WithoutHysteresis_Answers400NamingTheField()
    {
        var policy = await _silo.Http.GetFromJsonAsync<JsonElement>("/api/v1/rebalance/policy");
        var bad = JsonSerializer.Deserialize<Dictionary<string, object>>(policy.GetRawText())!;
        bad["hotExitFreeShare"] = 0.01;

        var response = await _silo.Http.PutAsJsonAsync("/api/v1/rebalance/policy", bad);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("hotExitFreeShare", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Policy_PutWithoutEveryField_Answers400NamingWhatIsMissing_AndChangesNothing()
    {
        var response = await _silo.Http.PutAsJsonAsync("/api/v1/rebalance/policy", new { dryRun = true });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
        Assert.Contains("hotEnterFreeShare", detail, StringComparison.Ordinal);
        Assert.Contains("PATCH", detail, StringComparison.Ordinal);
        Assert.False((await _silo.Http.GetFromJsonAsync<JsonElement>("/api/v1/rebalance/policy")).GetProperty("dryRun").GetBoolean());
    }

    [Fact]
    public async Task Policy_MergePatch_ChangesOnlyTheFieldsGiven()
    {
        await PatchAsync("""{"migrationMinGain": 0.3}""");
        using var patch = new StringContent("""{"dryRun": true, "tenantDataCenters": {"uni-y": ["dc9"]}}""", System.Text.Encoding.UTF8, "application/merge-patch+json");

        var response = await _silo.Http.PatchAsync("/api/v1/rebalance/policy", patch);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var read = await _silo.Http.GetFromJsonAsync<JsonElement>("/api/v1/rebalance/policy");
        Assert.True(read.GetProperty("dryRun").GetBoolean());
        Assert.Equal(0.3, read.GetProperty("migrationMinGain").GetDouble());
        Assert.Equal("dc9", read.GetProperty("tenantDataCenters").GetProperty("uni-y")[0].GetString());
    }

    [Theory]
    [InlineData("""{"dryRun": "yes"}""", "Field 'dryRun' must be true or false")]
    [InlineData("""{"maxMovesPerInterval": 99999999999}""", "Field 'maxMovesPerInterval' must be a whole number")]
    [InlineData("""{"pairCooldownSeconds": 1.5}""", "Field 'pairCooldownSeconds' must be a whole number")]
    [InlineData("""{"hotEnterFreeShare": 0.05,}""", "not valid JSON")]
    [InlineData("""{"hotEnterFreshShare": 0.05}""", "Unknown policy field(s): hotEnterFreshShare")]
    public async Task Policy_BadPatch_Answers400NamingTheFieldAndWhatWasWrong(string body, string expected)
    {
        using var patch = new StringContent(body, System.Text.Encoding.UTF8, "application/merge-patch+json");

        var response = await _silo.Http.PatchAsync("/api/v1/rebalance/policy", patch);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(expected, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"gpus": "two"}""", "Field 'gpus' must be a whole number")]
    [InlineData("""{"gpus": 4294967296}""", "Field 'gpus' must be a whole number")]
    [InlineData("""{"gpus": 1""", "not valid JSON")]
    public async Task JsonBody_WrongTypeOverflowOrMalformed_Answers400WithADetail(string body, string expected)
    {
        var response = await _silo.Http.PostAsync("/api/v1/placement", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(expected, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManualDrain_OfAHealthyNode_IsNeverUndoneByTheRebalancer()
    {
        await PatchAsync("""{"undrainAfterSeconds": 0}""");
        var node = Reports.UniqueNode("rbman");
        await _silo.Http.PostAsync("/api/v1/ingest", Reports.Content(Reports.Encode(Reports.Make(node, 1, Reports.NowMs()))));
        var drained = await _silo.Http.PostAsJsonAsync($"/api/v1/nodes/{node}/drain", new { reason = "rack maintenance" });
        Assert.Equal(HttpStatusCode.OK, drained.StatusCode);

        // Several intervals of a rebalancer that undrains its own drains at once.
        var until = DateTimeOffset.UtcNow.AddSeconds(4);
        await Eventually.GetAsync(() => Task.FromResult(DateTimeOffset.UtcNow), now => now >= until, what: "four intervals");

        Assert.True((await _silo.Http.GetFromJsonAsync<JsonElement>($"/api/v1/nodes/{node}")).GetProperty("drained").GetBoolean());
        var decisions = await _silo.Http.GetFromJsonAsync<JsonElement[]>("/api/v1/rebalance/decisions");
        Assert.DoesNotContain(decisions!, d => d.GetProperty("kind").GetString() == "undrain");
        Assert.Contains(decisions!, d => d.GetProperty("kind").GetString() == "drain" && d.GetProperty("by").GetString() == "open");
    }

    private async Task PatchAsync(string body)
    {
        using var patch = new StringContent(body, System.Text.Encoding.UTF8, "application/merge-patch+json");
        (await _silo.Http.PatchAsync("/api/v1/rebalance/policy", patch)).EnsureSuccessStatusCode();
    }
}
