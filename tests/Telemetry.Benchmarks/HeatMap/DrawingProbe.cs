using System.Text.Json;
using Microsoft.Playwright;

namespace Telemetry.Benchmarks.HeatMap;

/// <summary>
/// Watches, inside the page, each data center's heat-map answer from its arrival to its heat map drawn and the next frame
/// shown, and every main-thread task over 50 ms (the Long Tasks API); the dashboard is not changed for it (a build that
/// reads the answer in a worker posts the worker's times with the columns).
/// </summary>
internal static class DrawingProbe
{
    // arrived: the answer's headers are in and the page starts reading its body; parsed: its JSON is an object (read by a
    // worker: its columns are on the page, so parse is the worker's fetch-to-hand-over and draw all the page does);
    // drawn: the heat map has set data-cells (an observer hears of it a microtask later, after the drawing that follows
    // in the same call: the heat map draws in one go); painted: the first task after the next animation frame, so the frame with the heat map is out.
    private const string Script = """
        window.heatProbe = { answers: {}, tasks: [] };
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) heatProbe.tasks.push({ start: e.startTime, duration: e.duration });
        }).observe({ type: "longtask", buffered: true });
        const dataCenterOf = (url) => url && new URL(url).pathname.match(/\/datacenters\/([^/]+)\/gpus$/)?.[1];
        const json = Response.prototype.json;
        Response.prototype.json = function () {
          const dc = dataCenterOf(this.url);
          if (!dc) return json.call(this);
          const answer = heatProbe.answers[decodeURIComponent(dc)] = { arrived: performance.now() };
          return json.call(this).then((body) => { answer.parsed = performance.now(); return body; });
        };
        // A build that reads the answer in a worker: arrived is when the worker had the answer's headers (its clock is
        // since the epoch), parsed when its columns reach the page (a listener added first hears of them before the page).
        const NativeWorker = window.Worker;
        window.Worker = class extends NativeWorker {
          constructor(...args) {
            super(...args);
            this.addEventListener("message", ({ data }) => {
              const dc = dataCenterOf(data?.url);
              if (!dc || !data.times) return;
              heatProbe.answers[decodeURIComponent(dc)] = { arrived: data.times.arrivedAt - performance.timeOrigin, parsed: performance.now() };
            });
          }
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
