using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Telemetry.Silo.Auth;

namespace Telemetry.Silo.Tests.Access;

/// <summary>A key limited to tenant <c>acme</c> sees only <c>acme1</c>; the rest answers exactly as if it did not exist.</summary>
public sealed class TenantScopeTests(KeyedSiloFixture fixture) : IClassFixture<KeyedSiloFixture>, IAsyncLifetime
{
    private readonly string _acmeNode = Reports.UniqueNode(KeyedSiloFixture.AcmeDataCenter);
    private readonly string _otherNode = Reports.UniqueNode(KeyedSiloFixture.OtherDataCenter);

    private HttpClient Http => fixture.Silo.Http;

    public async Task InitializeAsync()
    {
        var body = Reports.Encode(Reports.Make(_acmeNode, 1, Reports.NowMs()), Reports.Make(_otherNode, 1, Reports.NowMs()));
        Assert.Equal(HttpStatusCode.Accepted, (await Http.PostAsync("/api/v1/ingest", Reports.Content(body))).StatusCode);
        await Eventually.GetAsync(
            () => DataCenterIdsAsync(TestKeys.Admin),
            ids => ids.Contains(KeyedSiloFixture.AcmeDataCenter) && ids.Contains(KeyedSiloFixture.OtherDataCenter),
            what: "both data centers in the admin's list");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(TestKeys.AcmeViewer)]
    [InlineData(TestKeys.AcmeScheduler)]
    public async Task DataCenters_TenantKey_ListsOnlyItsTenants(string key)
    {
        Assert.Equal([KeyedSiloFixture.AcmeDataCenter], await DataCenterIdsAsync(key));
    }

    [Fact]
    public async Task Fleet_TenantKey_CountsOnlyItsTenantsDataCenters()
    {
        var fleet = await GetJsonAsync("/api/v1/fleet", TestKeys.AcmeViewer);

        Assert.Equal(1, fleet.GetProperty("dataCenterCount").GetInt32());
        Assert.Equal(KeyedSiloFixture.AcmeDataCenter, fleet.GetProperty("dataCenters")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task OtherTenantsDataCenter_Answers404WithoutNamingIt()
    {
        var response = await TestKeys.SendAsync(Http, HttpMethod.Get, $"/api/v1/datacenters/{KeyedSiloFixture.OtherDataCenter}", TestKeys.AcmeViewer);
        var unknown = await TestKeys.SendAsync(Http, HttpMethod.Get, "/api/v1/datacenters/never-seen", TestKeys.AcmeViewer);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var detail = await DetailAsync(response);
        Assert.Equal(detail.Replace(KeyedSiloFixture.OtherDataCenter, "never-seen", StringComparison.Ordinal), await DetailAsync(unknown));
        Assert.Equal($"Data center '{KeyedSiloFixture.OtherDataCenter}' has no reporting nodes. Known: {KeyedSiloFixture.AcmeDataCenter}.", detail);
        Assert.Equal(HttpStatusCode.OK, (await TestKeys.SendAsync(Http, HttpMethod.Get, $"/api/v1/datacenters/{KeyedSiloFixture.AcmeDataCenter}", TestKeys.AcmeViewer)).StatusCode);
    }

    [Fact]
    public async Task OtherTenantsNodeAndGpus_Answer404_OwnAnswer200()
    {
        var otherGpu = Reports.GpuUuid(_otherNode, 0);
        var acmeGpu = Reports.GpuUuid(_acmeNode, 0);

        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync($"/api/v1/nodes/{_otherNode}", TestKeys.AcmeViewer));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync($"/api/v1/gpus/{otherGpu}", TestKeys.AcmeViewer));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync($"/api/v1/gpus/{otherGpu}/history", TestKeys.AcmeViewer));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync($"/api/v1/nodes/{_acmeNode}", TestKeys.AcmeViewer));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync($"/api/v1/gpus/{acmeGpu}", TestKeys.AcmeViewer));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync($"/api/v1/gpus/{acmeGpu}/history", TestKeys.AcmeViewer));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync($"/api/v1/gpus/{otherGpu}", TestKeys.Viewer));
    }

    [Fact]
    public async Task HeatMap_OtherTenantsDataCenter_Answers404_OwnAnswers200()
    {
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync($"/api/v1/datacenters/{KeyedSiloFixture.OtherDataCenter}/gpus", TestKeys.AcmeViewer));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync($"/api/v1/datacenters/{KeyedSiloFixture.AcmeDataCenter}/gpus", TestKeys.AcmeViewer));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync($"/api/v1/datacenters/{KeyedSiloFixture.OtherDataCenter}/gpus", TestKeys.Viewer));
    }

    [Fact]
    public async Task Stream_NeedsAKey_AndAViewerKeyOpensIt()
    {
        using var anonymous = await OpenStreamAsync(key: null);
        using var viewer = await OpenStreamAsync(TestKeys.Viewer);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, viewer.StatusCode);
        Assert.Equal("text/event-stream", viewer.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task UnlistedTenant_TenantKey_SeesNoDataCenter()
    {
        var access = new DataCenterAccess(new FakeTenantDataCenters("acme1"));
        var tenantUser = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ApiClaims.KeyName, "k"), new Claim(ApiClaims.Role, "Admin"), new Claim(ApiClaims.Tenant, "globex")], "test"));
        var fleetUser = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ApiClaims.KeyName, "k"), new Claim(ApiClaims.Role, "Viewer")], "test"));

        var tenant = await access.ForAsync(tenantUser, CancellationToken.None);
        var fleet = await access.ForAsync(fleetUser, CancellationToken.None);
        var nobody = await access.ForAsync(new ClaimsPrincipal(new ClaimsIdentity()), CancellationToken.None);

        Assert.Empty(tenant.Filter(["acme1", "dc1"]));
        Assert.Equal(["acme1", "dc1"], fleet.Filter(["acme1", "dc1"]));
        Assert.Empty(nobody.Filter(["acme1", "dc1"]));
    }

    private static async Task<string> DetailAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;

    // Headers only: the stream stays open until the client goes away.
    private async Task<HttpResponseMessage> OpenStreamAsync(string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/stream");
        if (key is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        }

        return await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    private async Task<HttpStatusCode> StatusAsync(string path, string key) => (await TestKeys.SendAsync(Http, HttpMethod.Get, path, key)).StatusCode;

    private async Task<JsonElement> GetJsonAsync(string path, string key)
    {
        var response = await TestKeys.SendAsync(Http, HttpMethod.Get, path, key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<string[]> DataCenterIdsAsync(string key) =>
        [.. (await GetJsonAsync("/api/v1/datacenters", key)).EnumerateArray().Select(d => d.GetProperty("id").GetString()!)];
}
