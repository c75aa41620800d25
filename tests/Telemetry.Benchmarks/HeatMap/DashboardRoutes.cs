using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Playwright;

namespace Telemetry.Benchmarks.HeatMap;

/// <summary>
/// Serves a page everything a silo would, without one: the dashboard's files from a folder, the API answers from memory.
/// The live stream is held open and silent, so no event redraws anything while the page is measured.
/// </summary>
internal static class DashboardRoutes
{
    public const string Origin = "http://dashboard.bench";

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static Task InstallAsync(IPage page, string wwwroot, FleetAnswers answers, CancellationToken closed) =>
        page.Context.RouteAsync($"{Origin}/**", async route =>
        {
            var path = new Uri(route.Request.Url).AbsolutePath;
            if (path.StartsWith("/api/v1/stream", StringComparison.Ordinal))
            {
                await HoldAsync(closed);
            }
            else if (answers.TryGet(path, out var body))
            {
                await route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "application/json", BodyBytes = body });
            }
            else
            {
                var file = Path.GetFullPath(Path.Combine(wwwroot, path == "/" ? "index.html" : path.TrimStart('/')));
                var found = file.StartsWith(wwwroot, StringComparison.Ordinal) && File.Exists(file);
                await route.FulfillAsync(found
                    ? new RouteFulfillOptions { Status = 200, ContentType = ContentTypes.TryGetContentType(file, out var type) ? type : "application/octet-stream", BodyBytes = await File.ReadAllBytesAsync(file, closed) }
                    : new RouteFulfillOptions { Status = 404, ContentType = "text/plain", Body = $"no {path} in the benchmark" });
            }
        });

    private static async Task HoldAsync(CancellationToken closed)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, closed);
        }
        catch (OperationCanceledException)
        {
            // The page is done with: let the held request go.
        }
    }
}
