using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Telemetry.Silo.Tests;

namespace Telemetry.Dashboard.Tests;

/// <summary>
/// Leaving a page while its answers are still on the way, in the same browser page, as an operator clicking from a GPU
/// or a job to a data center does: the answers of the page left must not draw over the page opened.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed partial class ViewSwitchTests(DashboardFixture dashboard)
{
    private const string DataCenter = "/#/dc/dc1";

    [Theory]
    [InlineData("gpu")]
    [InlineData("node")]
    [InlineData("job")]
    public async Task AnswerOfThePageLeft_ArrivingAfterTheDataCenterIsDrawn_LeavesTheDataCenterDrawn(string left)
    {
        var (route, path) = await PageToLeaveAsync(left);
        var page = await dashboard.NewPageAsync();
        await AnswerLog.InstallAsync(page);
        var asked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteAsync(new Regex($"{Regex.Escape(path)}$"), async held =>
        {
            asked.TrySetResult();
            await release.Task;
            await held.ContinueAsync();
        });

        // The page left asks, and its answer is held until the data center has been drawn.
        await page.GotoAsync(route);
        await asked.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await page.GotoAsync(DataCenter);
        await ExpectDataCenterDrawnAsync(page);
        release.SetResult();
        await AnswerLog.WaitBeyondAsync(page, path, 0);

        await ExpectDataCenterDrawnAsync(page);
    }

    [Fact]
    public async Task GpuThenJobThenDataCenter_InOnePage_DrawsTheDataCenterEveryTime()
    {
        var job = $"job-{Guid.NewGuid():N}"[..16];
        // Named to sort after the demo's nodes: other tests take the heat map's first cell for dc1/node-0001.
        string[] nodes = [$"dc1/view-a-{Guid.NewGuid():N}"[..19], $"dc1/view-b-{Guid.NewGuid():N}"[..19]];
        using var reporting = new CancellationTokenSource();
        var gpu = await StragglingJob.SendAsync(dashboard.Silo.Http, job, nodes, reporting.Token);
        var jobPath = $"/api/v1/jobs/{job}";
        var page = await dashboard.NewPageAsync();
        await AnswerLog.InstallAsync(page);
        await page.GotoAsync("/");

        // The operator's path of the straggler test, twenty times: the GPU, its job (not waited for), then the data center.
        for (var i = 0; i < 20; i++)
        {
            await page.GotoAsync($"/#/gpu/{gpu}");
            var jobAnswers = await AnswerLog.CountAsync(page, jobPath);
            // Its job's answer is asked for before the data center is: two hash changes in one task would route the second twice.
            await page.RunAndWaitForRequestAsync(() => page.Locator("#job-link").ClickAsync(), new Regex($"{Regex.Escape(jobPath)}$"));
            await page.GotoAsync(DataCenter);
            await ExpectDataCenterDrawnAsync(page);

            // Whenever the job's answer came, before or after the data center, the data center is what stays.
            await AnswerLog.WaitBeyondAsync(page, jobPath, jobAnswers);
            await ExpectDataCenterDrawnAsync(page);
        }

        await reporting.CancelAsync();
    }

    private static async Task ExpectDataCenterDrawnAsync(IPage page)
    {
        await Expect(page.Locator("h1")).ToHaveTextAsync("Data center dc1");
        await Expect(page.Locator("canvas.heatmap")).ToHaveAttributeAsync("data-cells", NonZero(), new() { Timeout = 30_000 });
    }

    // The hash route of a page of the given kind, and the API path of its first answer.
    private async Task<(string Route, string Path)> PageToLeaveAsync(string kind)
    {
        switch (kind)
        {
            case "node":
                return ("/#/node/dc1/node-0001", "/api/v1/nodes/dc1/node-0001");
            case "gpu":
                var node = await dashboard.Silo.Http.GetFromJsonAsync<JsonElement>("/api/v1/nodes/dc1/node-0001");
                var uuid = node.GetProperty("gpus")[0].GetProperty("uuid").GetString();
                return ($"/#/gpu/{uuid}", $"/api/v1/gpus/{uuid}");
            default:
                var job = $"job-{Guid.NewGuid():N}"[..16];
                // Named to sort after the demo's nodes, as above.
                await StragglingJob.SendAsync(dashboard.Silo.Http, job, [$"dc1/view-held-{Guid.NewGuid():N}"[..22]]);
                var path = $"/api/v1/jobs/{job}";

                // A job the API does not know yet would answer 404, which the page shows nowhere once left.
                await Eventually.GetAsync(() => AnswersAsync(path), known => known, TimeSpan.FromSeconds(30), $"job {job} in the API");
                return ($"/#/job/{job}", path);
        }
    }

    private async Task<bool> AnswersAsync(string path)
    {
        using var answer = await dashboard.Silo.Http.GetAsync(path);
        return answer.IsSuccessStatusCode;
    }

    [GeneratedRegex("^[1-9]")]
    private static partial Regex NonZero();
}
