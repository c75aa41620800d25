using System.Text.RegularExpressions;

namespace Telemetry.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed partial class StragglerPageTests(DashboardFixture dashboard)
{
    private static readonly LocatorAssertionsToHaveCountOptions Patient = new() { Timeout = 30_000 };

    [Fact]
    public async Task JobPage_ShowsTheGpusSideBySide_TheStragglerMarked_ReachedFromTheFeedAndTheGpu()
    {
        var page = await dashboard.NewPageAsync();
        await page.GotoAsync("/");
        await Expect(page.Locator("#live")).ToHaveAttributeAsync("data-state", "live");
        var job = $"job-{Guid.NewGuid():N}"[..16];
        string[] nodes = [$"dc1/strag-a-{Guid.NewGuid():N}"[..20], $"dc1/strag-b-{Guid.NewGuid():N}"[..20]];
        using var reporting = new CancellationTokenSource();

        var straggler = await StragglingJob.SendAsync(dashboard.Silo.Http, job, nodes, reporting.Token);

        // The feed tells of it, and leads to the job's page.
        var item = page.Locator($"#feed li.kind-straggler[data-subject='{straggler}']");
        await Expect(item).ToHaveCountAsync(1, Patient);
        await Expect(item).ToContainTextAsync("sm_active 0.35 vs job median 0.90 for 30 s");
        await item.GetByRole(AriaRole.Link, new() { Name = $"job {job}" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"#/job/{job}$"));
        await Expect(page.Locator("h1")).ToContainTextAsync("1 straggler");
        await Expect(page.Locator("#job-gpus tbody tr")).ToHaveCountAsync(1 + (2 * StragglingJob.GpusPerNode));
        var marked = page.Locator("#job-gpus tr.straggler");
        await Expect(marked).ToHaveCountAsync(1);
        await Expect(marked).ToHaveAttributeAsync("data-gpu", straggler);
        await Expect(marked.Locator("[data-signal=sm_active]")).ToHaveTextAsync("0.35");
        await Expect(page.Locator("#job-gpus tr.median [data-signal=sm_active]")).ToHaveTextAsync("0.90");
        await DashboardFixture.ScreenshotAsync(page, "job-straggler");

        // The GPU's page links to its job.
        await marked.GetByRole(AriaRole.Link, new() { Name = straggler }).ClickAsync();
        await Expect(page.Locator(".health-degraded").First).ToBeVisibleAsync();
        await page.Locator("#job-link").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"#/job/{job}$"));

        // The heat map marks it, reached in the same page while the job page's answer may still be on the way.
        await page.GotoAsync("/#/dc/dc1");
        await Expect(page.Locator("canvas.heatmap")).ToHaveAttributeAsync("data-stragglers", new Regex("^[1-9]"), new() { Timeout = 30_000 });
        await reporting.CancelAsync();
    }
}
