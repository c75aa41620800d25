using System.Text.Json;
using System.Text.RegularExpressions;
using Telemetry.Health;
using Telemetry.Silo.Api;
using Telemetry.Silo.Tests.Live;

namespace Telemetry.Dashboard.Tests;

/// <summary>
/// A data center of 52,000 GPUs (6,500 nodes × 8) on the data-center page: its heat-map answer, built and serialized as
/// the silo builds it, is served in place of the demo's, and the canvas is read back cell by cell.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class HeatMapScaleTests(DashboardFixture dashboard)
{
    private const int Nodes = 6_500;

    // The colours the heat map gives a cell too small for a mark (heatmap.js), and the two ends of the utilization ramp.
    private const string Degraded = "230,159,0";
    private const string Unhealthy = "255,107,91";
    private const string Offline = "110,118,129";
    private const string Idle = "68,1,84";
    private const string Busiest = "253,231,37";

    // Each cell's colour at its centre, counted by colour; "empty" where nothing was drawn.
    private const string CellColours = """
        (canvas) => {
          const size = Number(canvas.dataset.cellSize), cols = Number(canvas.dataset.columns), cells = Number(canvas.dataset.cells);
          const ratio = canvas.width / canvas.clientWidth;
          const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
          const counts = {};
          for (let i = 0; i < cells; i++) {
            const x = Math.floor(((i % cols) * size + size / 2) * ratio);
            const y = Math.floor((Math.floor(i / cols) * size + size / 2) * ratio);
            const p = (y * canvas.width + x) * 4;
            const colour = pixels[p + 3] === 0 ? "empty" : `${pixels[p]},${pixels[p + 1]},${pixels[p + 2]}`;
            counts[colour] = (counts[colour] ?? 0) + 1;
          }
          return JSON.stringify(counts);
        }
        """;

    // The page's own ways to read a body refuse the heat-map answer (init scripts run in the page, not in its workers):
    // a heat map drawn is one whose answer a worker fetched and parsed.
    private const string MainThreadRefusesHeatMapAnswers = """
        for (const name of ["json", "text", "arrayBuffer", "blob", "formData", "bytes"]) {
          const read = Response.prototype[name];
          if (!read) continue;
          Response.prototype[name] = function () {
            return /\/gpus$/.test(new URL(this.url).pathname)
              ? Promise.reject(new Error("the heat-map answer was read on the page's main thread"))
              : read.call(this);
          };
        }
        """;

    [Fact]
    public async Task DataCenterOf52000Gpus_Drawn_EveryCellShowsItsHealthAndOneOpensItsGpu()
    {
        var answer = SyntheticDataCenter.Gpus("dc1", Nodes, seed: 17);
        var body = JsonSerializer.SerializeToUtf8Bytes(answer, ApiJson.Create());
        var cells = answer.Nodes.SelectMany(n => n.States.Select((state, k) => (Node: n.Id, Index: k, State: state, Util: n.UtilPct[k]))).ToArray();
        var page = await dashboard.NewPageAsync();
        await page.AddInitScriptAsync(MainThreadRefusesHeatMapAnswers);
        var served = 0;
        await page.Context.RouteAsync(new Regex("/api/v1/datacenters/dc1/gpus$"), route =>
        {
            Interlocked.Increment(ref served);
            return route.FulfillAsync(new() { Status = 200, ContentType = "application/json", BodyBytes = body });
        });

        await page.GotoAsync("/#/dc/dc1");
        var canvas = page.Locator("canvas.heatmap");
        await Expect(canvas).ToHaveAttributeAsync("data-cells", $"{cells.Length}", new() { Timeout = 30_000 });
        Assert.True(served > 0, "the 52,000-GPU answer was served");
        Assert.Contains(page.Workers, w => w.Url.EndsWith("/js/heatreader.js", StringComparison.Ordinal));
        var colours = JsonSerializer.Deserialize<Dictionary<string, int>>(await canvas.EvaluateAsync<string>(CellColours))!;

        // Every cell drawn, each in its health's colour or, when healthy, its utilization's.
        Assert.Equal(52_000, cells.Length);
        Assert.Equal(cells.Length, colours.Values.Sum());
        Assert.False(colours.ContainsKey("empty"), $"{colours.GetValueOrDefault("empty")} cells were not drawn");
        Assert.Equal(cells.Count(c => c.State == HealthState.Degraded), colours.GetValueOrDefault(Degraded));
        Assert.Equal(cells.Count(c => c.State == HealthState.Unhealthy), colours.GetValueOrDefault(Unhealthy));
        Assert.Equal(cells.Count(c => c.State == HealthState.Offline), colours.GetValueOrDefault(Offline));
        Assert.Equal(cells.Count(c => c.State == HealthState.Healthy && c.Util < 1), colours.GetValueOrDefault(Idle));
        Assert.Equal(cells.Count(c => c.State == HealthState.Healthy && c.Util >= 99), colours.GetValueOrDefault(Busiest));

        // A degraded GPU far into the map: hovering names it, clicking opens it.
        var target = Array.FindIndex(cells, cells.Length / 2, c => c.State == HealthState.Degraded);
        var (node, index, _, _) = cells[target];
        var at = await CellCentreAsync(canvas, target);
        await canvas.HoverAsync(new LocatorHoverOptions { Position = at });
        await Expect(page.Locator(".tip")).ToContainTextAsync($"{node} · GPU {index}");
        await Expect(page.Locator(".tip")).ToContainTextAsync("degraded");

        // The synthetic node has no GPUs in the silo: the demo's dc1/node-0001 answers for it, so the GPU page opened is a real one.
        var standIn = await dashboard.Silo.Http.GetStringAsync("/api/v1/nodes/dc1/node-0001");
        await page.RouteAsync(new Regex($"/api/v1/nodes/{Regex.Escape(node)}$"), route => route.FulfillAsync(new() { Status = 200, ContentType = "application/json", Body = standIn }));
        await canvas.ClickAsync(new LocatorClickOptions { Position = at });
        await Expect(page.Locator("h1")).ToContainTextAsync($"GPU {index} of dc1/node-0001", new() { Timeout = 30_000 });
    }

    // A cell's centre in CSS pixels from the canvas' top left, by the layout the heat map publishes.
    private static async Task<Position> CellCentreAsync(ILocator canvas, int cell)
    {
        var size = int.Parse(await canvas.GetAttributeAsync("data-cell-size") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        var columns = int.Parse(await canvas.GetAttributeAsync("data-columns") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(size > 0 && columns > 0, "the heat map publishes its cell size and columns");
        return new Position { X = ((cell % columns) * size) + (size / 2f), Y = ((cell / columns) * size) + (size / 2f) };
    }
}
