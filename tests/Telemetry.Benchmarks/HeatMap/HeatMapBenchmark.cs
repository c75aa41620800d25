using System.Globalization;
using Microsoft.Playwright;
using Telemetry.Benchmarks.Hosting;
using Telemetry.Benchmarks.Reporting;

namespace Telemetry.Benchmarks.HeatMap;

/// <summary>
/// Loads the dashboard's fleet page, which draws one heat map per data center, in headless Chromium with every API
/// answer served from memory (built and serialized as the silo builds them), and prints how long each heat map took
/// from its answer's arrival to drawn and shown, and the longest main-thread task. With a baseline build, loads
/// alternate between the two builds with the same answers.
/// </summary>
internal static class HeatMapBenchmark
{
    private static readonly TimeSpan DrawTimeout = TimeSpan.FromMinutes(2);

    // A quiet second after the last heat map is shown: a redraw that follows (a resize, a second pass) counts too.
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    public static async Task<int> RunAsync(HeatMapSettings settings, CancellationToken ct)
    {
        if (!File.Exists(settings.Chromium))
        {
            throw new BenchmarkSetupException($"{settings.Chromium} is missing: install Debian's browser with `apt-get install chromium`, or pass --chromium.");
        }

        var builds = new List<(string Name, string Folder)>();
        if (settings.BaselineWwwroot is { } baseline)
        {
            builds.Add(("baseline", Existing(baseline)));
        }

        builds.Add(("this build", Existing(settings.Wwwroot)));
        var answers = new FleetAnswers(settings.DataCenters, settings.Nodes);
        Console.WriteLine($"# heat-map drawing: {settings.CommandLine}");
        Console.WriteLine($"# {MachineInfo.Describe()}; load average {LoadAverage()} at the start");
        Console.WriteLine($"# fleet page, {settings.DataCenters} data centers × {settings.Nodes:N0} nodes × 8 GPUs = {answers.Cells:N0} cells; 1400 × 900 CSS px at device scale {settings.DeviceScale}, CPU slowdown {settings.CpuSlowdown}; largest heat-map answer {answers.LargestHeatMapBytes:N0} B of JSON");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = settings.Chromium, Headless = true, Args = ["--no-sandbox"] });
        var loads = builds.ToDictionary(b => b.Name, _ => new List<PageDrawing>());
        for (var run = 1; run <= settings.Runs; run++)
        {
            foreach (var (name, folder) in builds)
            {
                var drawing = await LoadAsync(browser, folder, answers, settings, ct);
                loads[name].Add(drawing);
                Console.WriteLine();
                Console.WriteLine($"## {name}, load {run} of {settings.Runs} ({folder})");
                Console.Write(RunTable(drawing).ToText());
            }
        }

        Console.WriteLine();
        Console.WriteLine($"## median over {settings.Runs} loads (ms)");
        var summary = SummaryTable(loads);
        Console.Write(summary.ToText());
        Console.WriteLine();
        Console.Write(summary.ToMarkdown());
        Console.WriteLine($"# load average {LoadAverage()} at the end");
        return 0;
    }

    private static async Task<PageDrawing> LoadAsync(IBrowser browser, string wwwroot, FleetAnswers answers, HeatMapSettings settings, CancellationToken ct)
    {
        using var closed = CancellationTokenSource.CreateLinkedTokenSource(ct);
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
            ColorScheme = ColorScheme.Dark,
            DeviceScaleFactor = (float)settings.DeviceScale,
        });
        var page = await context.NewPageAsync();
        if (settings.CpuSlowdown > 1)
        {
            var devtools = await context.NewCDPSessionAsync(page);
            await devtools.SendAsync("Emulation.setCPUThrottlingRate", new Dictionary<string, object> { ["rate"] = settings.CpuSlowdown });
        }

        await DrawingProbe.InstallAsync(page);
        await DashboardRoutes.InstallAsync(page, wwwroot, answers, closed.Token);
        await page.GotoAsync($"{DashboardRoutes.Origin}/#/");
        await DrawingProbe.WaitAsync(page, settings.DataCenters, DrawTimeout);
        await Task.Delay(Settle, ct);
        var drawing = await DrawingProbe.ReadAsync(page);
        await closed.CancelAsync();
        return drawing;
    }

    private static ResultTable RunTable(PageDrawing drawing)
    {
        var table = new ResultTable("data center", ["parse ms", "draw ms", "answer → shown ms", "longest task ms"]);
        foreach (var dc in drawing.DataCenters)
        {
            table.Row(dc.DataCenter, [Ms(dc.ParseMs), Ms(dc.DrawMs), Ms(dc.ShownMs), LongTask(dc.LongestTaskMs)]);
        }

        return table.Row("page", ["", "", Ms(drawing.AllShownMs), LongTask(drawing.LongestTaskMs)])
            .Row("blocking (over 50 ms, summed)", ["", "", "", Ms(drawing.BlockingMs)]);
    }

    private static ResultTable SummaryTable(Dictionary<string, List<PageDrawing>> loads)
    {
        var table = new ResultTable("median over loads, ms", [.. loads.Keys, .. loads.Count == 2 ? new[] { "baseline ÷ this" } : []]);
        Row("parse, per data center", l => Median(l.SelectMany(p => p.DataCenters).Select(d => d.ParseMs)));
        Row("draw, per data center", l => Median(l.SelectMany(p => p.DataCenters).Select(d => d.DrawMs)));
        Row("draw, slowest data center", l => Median(l.Select(p => p.DataCenters.Max(d => d.DrawMs))));
        Row("first answer → every heat map shown", l => Median(l.Select(p => p.AllShownMs)));
        Row("longest main-thread task", l => Median(l.Select(p => p.LongestTaskMs)), LongTask);
        Row("blocking time (over 50 ms, summed)", l => Median(l.Select(p => p.BlockingMs)));
        return table;

        void Row(string label, Func<List<PageDrawing>, double> figure, Func<double, string>? format = null)
        {
            var values = loads.Values.Select(figure).ToArray();
            table.Row(label, [.. values.Select(format ?? Ms), .. values.Length == 2 ? new[] { values[1] > 0 ? $"{values[0] / values[1]:F1}×" : "–" } : []]);
        }
    }

    private static string Existing(string wwwroot)
    {
        var full = Path.GetFullPath(wwwroot);
        return File.Exists(Path.Combine(full, "index.html"))
            ? full + Path.DirectorySeparatorChar
            : throw new BenchmarkSetupException($"{full} has no index.html: pass the dashboard's wwwroot folder.");
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Ms(double ms) => ms.ToString("F1", CultureInfo.InvariantCulture);

    // The Long Tasks API reports tasks over 50 ms only.
    private static string LongTask(double ms) => ms > 0 ? Ms(ms) : "< 50";

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
