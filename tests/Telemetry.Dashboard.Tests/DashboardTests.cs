using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Telemetry.Grains.Events;
using Telemetry.Rebalancing;

namespace Telemetry.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed partial class DashboardTests(DashboardFixture dashboard)
{
    private static readonly string[] States = ["healthy", "degraded", "unhealthy", "offline"];

    [Fact]
    public async Task Fleet_RendersTheDemoFleet_WithTheApisCounts()
    {
        var page = await dashboard.NewPageAsync();
        await page.GotoAsync("/");

        await Expect(page.Locator("[data-dc]")).ToHaveCountAsync(DemoSilo.DataCenters);
        await Expect(page.Locator("#live")).ToHaveAttributeAsync("data-state", "live");

        // The simulated fleet runs hot now and then (degraded and back), so the page must agree with the API at some moment, not at a given one.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        string api, shown;
        do
        {
            api = await ApiCountsAsync();
            shown = await PageCountsAsync(page);
        }
        while (api != shown && DateTime.UtcNow < deadline && await Pause());

        Assert.Equal(api, shown);
        await DashboardFixture.ScreenshotAsync(page, "fleet");
    }

    [Fact]
    public async Task DataCenter_HeatMapHasACellPerGpu_AndTheNodeTableListsEveryNode()
    {
        var page = await dashboard.NewPageAsync();
        await page.GotoAsync("/#/dc/dc2");

        await Expect(page.Locator("canvas.heatmap")).ToBeVisibleAsync();
        await Expect(page.Locator("table caption")).ToContainTextAsync($"of {DemoSilo.NodesPerDataCenter}");
        await Expect(page.Locator("canvas.heatmap")).ToHaveAttributeAsync("data-cells", $"{DemoSilo.NodesPerDataCenter * 8}");
        var counted = await page.EvaluateAsync<int>("() => [...document.querySelectorAll('#dc-counts [data-count]')].reduce((n, c) => n + Number(c.textContent), 0)");
        Assert.Equal(DemoSilo.NodesPerDataCenter * 8, counted);

        // Hovering the first cell names its GPU; clicking it opens that GPU.
        var canvas = page.Locator("canvas.heatmap");
        await canvas.HoverAsync(new LocatorHoverOptions { Position = new Position { X = 3, Y = 3 } });
        await Expect(page.Locator(".tip")).ToContainTextAsync("dc2/node-0001 · GPU 0");
        await canvas.ClickAsync(new LocatorClickOptions { Position = new Position { X = 3, Y = 3 } });
        await Expect(page).ToHaveURLAsync(GpuRoute());
        await Expect(page.Locator("h1")).ToContainTextAsync("dc2/node-0001");
    }

    [Fact]
    public async Task HealthChangeThroughIngest_AppearsOnThePageWithoutReload()
    {
        var page = await dashboard.NewPageAsync();
        await page.GotoAsync("/#/dc/dc1");
        await Expect(page.Locator("#live")).ToHaveAttributeAsync("data-state", "live");
        await Expect(page.Locator("table caption")).ToContainTextAsync("of");
        await page.EvaluateAsync("() => { window.loadedOnce = true; }");
        var node = $"dc1/node-x79-{Guid.NewGuid():N}"[..24];
        var uuid = FaultyNode.GpuUuid(node, 0);

        await FaultyNode.SendAsync(dashboard.Silo.Http, node);

        var item = page.Locator($"#feed li[data-subject='{uuid}']");
        await Expect(item).ToContainTextAsync("XID 79");
        await Expect(item.Locator(".health-unhealthy")).ToBeVisibleAsync();
        await Expect(page.Locator($"#feed li[data-subject='{node}']")).ToContainTextAsync("unhealthy");
        // Its row, wherever the worst-first order puts it: nodes other tests left silent (offline) may rank above it.
        var row = page.Locator("tbody tr", new() { HasText = node });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.Locator(".health-unhealthy")).ToBeVisibleAsync();
        await Expect(page.Locator("#dc-counts [data-count=unhealthy]")).ToHaveTextAsync("1");
        Assert.True(await page.EvaluateAsync<bool>("() => window.loadedOnce === true"), "the page reloaded");
        await DashboardFixture.ScreenshotAsync(page, "health-change");
    }

    [Fact]
    public async Task RebalancingDecision_AppearsInTheLiveFeed()
    {
        var page = await dashboard.NewPageAsync();
        await page.GotoAsync("/");
        await Expect(page.Locator("#live")).ToHaveAttributeAsync("data-state", "live");
        var id = $"d-{Guid.NewGuid():N}";

        // Through the rebalancer's own publisher, so the decision takes the path every real one does.
        dashboard.Silo.Services.GetRequiredService<DecisionPublisher>().Publish(new RebalanceDecision
        {
            Id = id,
            At = DateTimeOffset.UtcNow,
            Kind = DecisionKind.Migrate,
            From = "dc1",
            To = "dc2",
            JobId = "job-42",
            Reason = "dc1 is above its thermal headroom",
            Signals = new Dictionary<string, double> { ["thermalHeadroom"] = 0.05 },
        });

        var item = page.Locator($"#feed li[data-decision='{id}']");
        await Expect(item).ToContainTextAsync("decision: migrate");
        await Expect(item).ToContainTextAsync("from dc1, to dc2, job job-42");
        await Expect(item).ToContainTextAsync("dc1 is above its thermal headroom");
    }

    [Fact]
    public async Task Alert_RaisedThenResolved_ShownOnTheFleetAndItsDataCenterUntilResolved()
    {
        var page = await dashboard.NewPageAsync();
        await page.GotoAsync("/");
        await Expect(page.Locator("#live")).ToHaveAttributeAsync("data-state", "live");
        var publisher = dashboard.Silo.Services.GetRequiredService<DecisionPublisher>();

        // Through the rebalancer's own publisher, so the alert takes the path every real one does.
        publisher.Publish(new RebalanceAlert(DateTimeOffset.UtcNow, "dc1", "breaker", "6 of 10 nodes of dc1 turned unhealthy within 300 s: draining there has stopped.", true));

        var banner = page.Locator("#alerts [data-alert='dc1/breaker']");
        await Expect(banner).ToContainTextAsync("breaker · dc1");
        await Expect(banner).ToContainTextAsync("draining there has stopped");
        await page.GotoAsync("/#/dc/dc1");
        await Expect(page.Locator("canvas.heatmap")).ToBeVisibleAsync();
        await Expect(banner).ToBeVisibleAsync();
        await DashboardFixture.ScreenshotAsync(page, "alert");
        await page.GotoAsync("/#/dc/dc2");
        await Expect(page.Locator("canvas.heatmap")).ToBeVisibleAsync();
        await Expect(banner).ToHaveCountAsync(0);

        await page.GotoAsync("/#/dc/dc1");
        await Expect(banner).ToBeVisibleAsync();
        publisher.Publish(new RebalanceAlert(DateTimeOffset.UtcNow, "dc1", "breaker", "Breaker of dc1 closed.", false));

        await Expect(banner).ToHaveCountAsync(0);
        await Expect(page.Locator("#alerts")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task DrillDown_FleetToDataCenterToNodeToGpu_ReachesTheGpusCharts()
    {
        var page = await dashboard.NewPageAsync();
        await page.GotoAsync("/");

        await page.GetByRole(AriaRole.Link, new() { Name = "Data center dc1" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("#/dc/dc1$"));
        await page.GetByRole(AriaRole.Link, new() { Name = "dc1/node-0002", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("#/node/dc1/node-0002$"));
        await Expect(page.Locator("h1")).ToContainTextAsync("Node dc1/node-0002");
        await page.Locator("tbody a[href^='#/gpu/']").First.ClickAsync();

        await Expect(page).ToHaveURLAsync(GpuRoute());
        await Expect(page.Locator("#charts .uplot")).ToHaveCountAsync(4);
        await Expect(page.Locator("#charts [data-field=gpu_util_pct] canvas").First).ToBeVisibleAsync();
        await Expect(page.Locator("#fields tr[data-field=power_w]")).ToBeVisibleAsync();
        await Expect(page.Locator("#crumbs")).ToContainTextAsync("dc1 / node-0002 / GPU 0");
        await DashboardFixture.ScreenshotAsync(page, "gpu");
    }

    [Fact]
    public async Task Keyboard_ReachesAGpuFromTheHeatMap()
    {
        var page = await dashboard.NewPageAsync();
        await page.GotoAsync("/#/dc/dc1");
        await Expect(page.Locator("table caption")).ToContainTextAsync("of");

        await page.Locator("canvas.heatmap").FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(page.Locator(".tip")).ToContainTextAsync("GPU 1");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(GpuRoute());
        await Expect(page.Locator("h1")).ToContainTextAsync("GPU 1 of dc1/node-0001");
    }

    [Fact]
    public async Task StreamParser_JoinsEventsSplitAcrossChunksAndLineEndings()
    {
        var page = await dashboard.NewPageAsync();
        await page.GotoAsync("/");

        // The page reads the stream with fetch(), so its own parser, not the browser's EventSource, must frame events right.
        var events = await page.EvaluateAsync<string>("""
            async () => {
              const { SseParser } = await import("./js/sse.js");
              const parser = new SseParser();
              const chunks = ["retry: 2000\n\n: comment\n\nid: 7\nevent: hea", "lth\ndata: {\"a\":", "1}\r\n\r", "\nevent: summary\ndata: x\r", "\ndata: y\n", "\n"];
              return JSON.stringify(chunks.flatMap((c) => parser.push(c)));
            }
            """);

        Assert.Equal("[{\"id\":\"7\",\"event\":\"health\",\"data\":\"{\\\"a\\\":1}\"},{\"id\":null,\"event\":\"summary\",\"data\":\"x\\ny\"}]", events);
    }

    [Fact]
    public async Task ApiKeysOn_PageAsksForAKey_AndSendsItAsBearerOnEveryCallAndTheStream()
    {
        var page = await dashboard.NewPageAsync();
        var authorized = new List<string>();
        // The silo's own key check is not this test's subject: the page's handling of a 401 is, so the API answers 401 without the key.
        await page.RouteAsync("**/api/v1/**", async route =>
        {
            var headers = route.Request.Headers;
            if (!headers.TryGetValue("authorization", out var value) || value != "Bearer viewer-key-123")
            {
                await route.FulfillAsync(new RouteFulfillOptions { Status = 401, ContentType = "application/problem+json", Body = "{\"status\":401,\"detail\":\"An API key is required.\"}" });
                return;
            }

            lock (authorized)
            {
                authorized.Add(new Uri(route.Request.Url).AbsolutePath);
            }

            await route.ContinueAsync();
        });

        await page.GotoAsync("/");
        await Expect(page.Locator("#key-dialog")).ToBeVisibleAsync();
        await page.Locator("#key-input").FillAsync("viewer-key-123");
        await page.Locator("#key-input").PressAsync("Enter");

        await Expect(page.Locator("[data-dc]")).ToHaveCountAsync(DemoSilo.DataCenters);
        await Expect(page.Locator("#live")).ToHaveAttributeAsync("data-state", "live");
        Assert.Equal("viewer-key-123", await page.EvaluateAsync<string>("() => sessionStorage.getItem('telemetry.apiKey')"));
        lock (authorized)
        {
            Assert.Contains("/api/v1/fleet", authorized);
            Assert.Contains("/api/v1/stream", authorized);
        }

        Assert.DoesNotContain("viewer-key-123", page.Url, StringComparison.Ordinal);
    }

    // "fleet 190/2/0/0; dc1 96/0/0/0; dc2 94/2/0/0": healthy/degraded/unhealthy/offline.
    private async Task<string> ApiCountsAsync()
    {
        var fleet = await dashboard.Silo.Http.GetFromJsonAsync<JsonElement>("/api/v1/fleet");
        static string Counts(JsonElement counts) => string.Join('/', States.Select(s => counts.GetProperty(s).GetInt32()));
        return string.Join("; ", fleet.GetProperty("dataCenters").EnumerateArray()
            .Select(dc => $"{dc.GetProperty("id").GetString()} {Counts(dc.GetProperty("gpusByHealth"))}")
            .Prepend($"fleet {Counts(fleet.GetProperty("gpusByHealth"))}"));
    }

    private static async Task<string> PageCountsAsync(IPage page) => await page.EvaluateAsync<string>("""
        (states) => {
          const counts = (scope) => states.map((s) => scope.querySelector(`[data-count=${s}]`).textContent.replace(/,/g, "")).join("/");
          const cards = [...document.querySelectorAll("[data-dc]")].map((card) => `${card.dataset.dc} ${counts(card)}`);
          return [`fleet ${counts(document.getElementById("fleet-totals"))}`, ...cards].join("; ");
        }
        """, States);

    private static async Task<bool> Pause()
    {
        await Task.Delay(250);
        return true;
    }

    [GeneratedRegex("#/gpu/GPU-[0-9a-f-]+$")]
    private static partial Regex GpuRoute();
}
