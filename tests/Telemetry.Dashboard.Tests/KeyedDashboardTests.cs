using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Telemetry.Silo.Tests;

namespace Telemetry.Dashboard.Tests;

/// <summary>
/// The page against a silo with real API keys (no interception): it asks for a key on the silo's own 401, a viewer
/// key opens the fleet, and a tenant's key shows only the data center the rebalancing policy gives that tenant.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class KeyedDashboardTests(DashboardFixture dashboard) : IAsyncLifetime
{
    private const string ViewerKey = "dashboard-viewer-key-0123456789";
    private const string TenantKey = "dashboard-tenant-key-0123456789";
    private const string OperatorKey = "dashboard-operator-key-0123456789";
    private const string Tenant = "acme";
    private const string TenantDataCenter = "dc1";

    private RunningSilo _silo = null!;

    public async Task InitializeAsync()
    {
        _silo = await DemoSilo.StartAsync(
        [
            .. Key("viewer", ViewerKey, "viewer"),
            .. Key("tenant", TenantKey, "viewer", Tenant),
            .. Key("operator", OperatorKey, "operator"),
        ]);

        await Eventually.GetAsync(
            async () => (await SendAsync(HttpMethod.Get, "/api/v1/fleet", ViewerKey)).GetProperty("dataCenterCount").GetInt32(),
            count => count == DemoSilo.DataCenters,
            what: "every demo data center reporting");
        var policy = JsonSerializer.Deserialize<Dictionary<string, object>>((await SendAsync(HttpMethod.Get, "/api/v1/rebalance/policy", OperatorKey)).GetRawText())!;
        policy["tenantDataCenters"] = new Dictionary<string, string[]> { [Tenant] = [TenantDataCenter] };
        await SendAsync(HttpMethod.Put, "/api/v1/rebalance/policy", OperatorKey, JsonContent.Create(policy));
    }

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task ViewerKey_OpensTheFleet_AfterTheSilosOwn401()
    {
        var page = await OpenAsync();

        await EnterKeyAsync(page, ViewerKey);

        await Expect(page.Locator("[data-dc]")).ToHaveCountAsync(DemoSilo.DataCenters);
        await Expect(page.Locator("#live")).ToHaveAttributeAsync("data-state", "live");
        await DashboardFixture.ScreenshotAsync(page, "keyed-viewer");
    }

    [Fact]
    public async Task TenantKey_ShowsOnlyItsTenantsDataCenter()
    {
        var page = await OpenAsync();

        await EnterKeyAsync(page, TenantKey);

        await Expect(page.Locator("[data-dc]")).ToHaveCountAsync(1);
        await Expect(page.Locator($"[data-dc='{TenantDataCenter}']")).ToBeVisibleAsync();
        await Expect(page.Locator("#live")).ToHaveAttributeAsync("data-state", "live");
        await DashboardFixture.ScreenshotAsync(page, "keyed-tenant");
    }

    private async Task<IPage> OpenAsync()
    {
        var context = await dashboard.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _silo.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
            ColorScheme = ColorScheme.Dark,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        return page;
    }

    private static async Task EnterKeyAsync(IPage page, string key)
    {
        await Expect(page.Locator("#key-dialog")).ToBeVisibleAsync();
        await page.Locator("#key-input").FillAsync(key);
        await page.Locator("#key-input").PressAsync("Enter");
    }

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, string key, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await _silo.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{method} {path}: {response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static string[] Key(string name, string key, string role, string? tenant = null) =>
    [
        $"--Telemetry:Auth:ApiKeys:{name}:Sha256={Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))}",
        $"--Telemetry:Auth:ApiKeys:{name}:Role={role}",
        .. tenant is null ? Array.Empty<string>() : [$"--Telemetry:Auth:ApiKeys:{name}:Tenant={tenant}"],
    ];
}
