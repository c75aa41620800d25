using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemetry.Grains.Events;
using Telemetry.Rebalancing;

namespace Telemetry.Silo.Tests.Access;

/// <summary>
/// API keys against the real rebalancing policy (no stand-in): only an operator changes it, and what it says a
/// tenant may use is what that tenant's keys see, place in and are streamed.
/// </summary>
public sealed class PolicyScopeTests : IAsyncLifetime
{
    private const string AcmeDc = "acmepol";
    private const string OtherDc = "otherpol";

    private RunningSilo _silo = null!;

    private HttpClient Http => _silo.Http;

    public async Task InitializeAsync()
    {
        _silo = await RunningSilo.StartAsync([.. TestKeys.Arguments(), .. PlacementSiloFixture.Arguments]);
        foreach (var dc in new[] { AcmeDc, OtherDc })
        {
            var body = Reports.Encode(Reports.Make(Reports.UniqueNode(dc), 1, Reports.NowMs(), gpus: 8));
            Assert.Equal(HttpStatusCode.Accepted, (await Http.PostAsync("/api/v1/ingest", Reports.Content(body))).StatusCode);
        }

        await Eventually.GetAsync(
            () => FreeGpusAsync(TestKeys.Admin),
            free => free.GetValueOrDefault(AcmeDc) == 8 && free.GetValueOrDefault(OtherDc) == 8,
            what: "8 free GPUs in each data center");
    }

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task OnlyAnOperatorChangesThePolicy_AndATenantSeesWhatItNames()
    {
        Assert.Empty(await FreeGpusAsync(TestKeys.AcmeViewer));

        Assert.Equal(HttpStatusCode.Forbidden, (await PutPolicyAsync(TestKeys.Viewer)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PutPolicyAsync(TestKeys.Scheduler)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PutPolicyAsync(key: null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PutPolicyAsync(TestKeys.Operator)).StatusCode);

        Assert.Equal([AcmeDc], (await FreeGpusAsync(TestKeys.AcmeViewer)).Keys);
        var policy = await GetJsonAsync("/api/v1/rebalance/policy", TestKeys.AcmeViewer);
        Assert.Equal([TestKeys.Tenant], policy.GetProperty("tenantDataCenters").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task TenantKey_PlacesOnlyForItsTenant_InItsDataCenters()
    {
        Assert.Equal(HttpStatusCode.OK, (await PutPolicyAsync(TestKeys.Operator)).StatusCode);

        var placed = await PlaceAsync(TestKeys.AcmeScheduler, new { gpus = 1, candidates = 5 });
        var otherTenant = await PlaceAsync(TestKeys.AcmeScheduler, new { gpus = 1, tenant = "globex" });
        var otherDc = await PlaceAsync(TestKeys.AcmeScheduler, new { gpus = 1, dataCenters = new[] { OtherDc } });
        var viewer = await PlaceAsync(TestKeys.Viewer, new { gpus = 1 });

        Assert.Equal(HttpStatusCode.OK, placed.StatusCode);
        var candidates = (await placed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("candidates").EnumerateArray().ToArray();
        Assert.NotEmpty(candidates);
        Assert.All(candidates, c => Assert.Equal(AcmeDc, c.GetProperty("dataCenter").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, otherTenant.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, otherDc.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, viewer.StatusCode);
    }

    [Fact]
    public async Task TenantStream_CarriesOnlyItsDataCentersDecisionsAndSummaries()
    {
        Assert.Equal(HttpStatusCode.OK, (await PutPolicyAsync(TestKeys.Operator)).StatusCode);
        await using var stream = await Live.StreamReader.OpenAsync(Http, apiKey: TestKeys.AcmeViewer);
        var publisher = _silo.Services.GetRequiredService<DecisionPublisher>();
        var hidden = Decision(OtherDc);
        var shown = Decision(AcmeDc);

        publisher.Publish(hidden);
        publisher.Publish(shown);

        // Events arrive in feed order, so the other data center's decision would come first if it were sent.
        var decision = await stream.NextAsync(e => e.Name == "decision", what: "a decision");
        Assert.Contains(shown.Id, decision.Data, StringComparison.Ordinal);
        var summary = await stream.NextAsync(e => e.Name == "summary", timeout: TimeSpan.FromSeconds(30), what: "a summary");
        var dataCenters = JsonDocument.Parse(summary.Data).RootElement.GetProperty("fleet").GetProperty("dataCenters");
        Assert.Equal([AcmeDc], dataCenters.EnumerateArray().Select(d => d.GetProperty("id").GetString()));
    }

    private static RebalanceDecision Decision(string dc) => new()
    {
        Id = $"d-{Guid.NewGuid():N}",
        At = DateTimeOffset.UtcNow,
        Kind = DecisionKind.Shift,
        From = dc,
        To = "elsewhere",
        Reason = $"{dc} is hot",
        Signals = new Dictionary<string, double> { ["freeShare"] = 0.02 },
    };

    private async Task<HttpResponseMessage> PutPolicyAsync(string? key)
    {
        var policy = JsonSerializer.Deserialize<Dictionary<string, object>>((await GetJsonAsync("/api/v1/rebalance/policy", TestKeys.Admin)).GetRawText())!;
        policy["tenantDataCenters"] = new Dictionary<string, string[]> { [TestKeys.Tenant] = [AcmeDc], ["globex"] = [OtherDc] };
        return await TestKeys.SendAsync(Http, HttpMethod.Put, "/api/v1/rebalance/policy", key, JsonContent.Create(policy));
    }

    private Task<HttpResponseMessage> PlaceAsync(string key, object request) =>
        TestKeys.SendAsync(Http, HttpMethod.Post, "/api/v1/placement", key, JsonContent.Create(request));

    private async Task<Dictionary<string, int>> FreeGpusAsync(string key) =>
        (await GetJsonAsync("/api/v1/datacenters", key)).EnumerateArray()
            .Where(d => d.GetProperty("id").GetString() is AcmeDc or OtherDc)
            .ToDictionary(d => d.GetProperty("id").GetString()!, d => d.GetProperty("freeGpus").GetInt32());

    private async Task<JsonElement> GetJsonAsync(string path, string key)
    {
        var response = await TestKeys.SendAsync(Http, HttpMethod.Get, path, key);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }
}
