using System.Text.Json;
using Microsoft.Playwright;

namespace Telemetry.Benchmarks.HeatMap;

/// <summary>
/// Watches, inside the page, each data center's heat-map answer from its arrival to its heat map drawn and the next frame
/// shown, and every main-thread task over 50 ms (the Long Tasks API); nothing in the dashboard is changed for it.
/// </summary>
internal static class DrawingProbe
{
    // arrived: the answer's headers are in and the page starts reading its body; parsed: its JSON is an object;
    // drawn: the heat map has set data-cells (an observer hears of it a microtask later, after the drawing that follows
    // in the same call: the heat map draws in one go); painted: the first task after the next animation frame, so the frame with the heat map is out.
    private const string Script = """
        window.heatProbe = { answers: {}, tasks: [] };
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) heatProbe.tasks.push({ start: e.startTime, duration: e.duration });
        }).observe({ type: "longtask", buffered: true });
        const json = Response.prototype.json;
        Response.prototype.json = function () {
          const m = new URL(this.url).pathname.match(/\/datacenters\/([^/]+)\/gpus$/);
          if (!m) return json.call(this);
          const answer = heatProbe.answers[decodeURIComponent(m[1])] = { arrived: performance.now() };
          return json.call(this).then((body) => { answer.parsed = performance.now(); return body; });
        };
        new MutationObserver((records) => {
          for (const { target } of records) {
            const section = target.closest?.("[data-dc]");
            const answer = section && heatProbe.answers[section.dataset.dc];
            if (!answer || answer.drawn) continue;
            answer.drawn = performance.now();
            requestAnimationFrame(() => {
              const channel = new MessageChannel();
              channel.port1.onmessage = () => { answer.painted = performance.now(); };
              channel.port2.postMessage(0);
            });
          }
        }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-cells"] });
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Task InstallAsync(IPage page) => page.AddInitScriptAsync(Script);

    /// <summary>Waits until every data center's heat map is drawn and shown.</summary>
    public static Task WaitAsync(IPage page, int dataCenters, TimeSpan timeout) =>
        page.WaitForFunctionAsync("(n) => Object.values(heatProbe.answers).filter((a) => a.painted).length >= n", dataCenters, new() { Timeout = (float)timeout.TotalMilliseconds, PollingInterval = 100 });

    public static async Task<PageDrawing> ReadAsync(IPage page)
    {
        // As JSON text: Playwright fills in classes with setters only, these are records.
        var answers = JsonSerializer.Deserialize<Dictionary<string, AnswerTimes>>(await page.EvaluateAsync<string>("() => JSON.stringify(heatProbe.answers)"), Json)!;
        var tasks = JsonSerializer.Deserialize<LongTask[]>(await page.EvaluateAsync<string>("() => JSON.stringify(heatProbe.tasks)"), Json)!;
        return PageDrawing.From(answers, tasks);
    }
}
