using System.Net.Http.Json;
using System.Text.Json;
using Telemetry.Silo.Tests;

namespace Telemetry.Dashboard.Tests;

/// <summary>One demo silo and one headless Debian Chromium, shared by the dashboard tests.</summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    /// <summary>Debian's Chromium: the tests never download a browser.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private RunningSilo? _silo;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public RunningSilo Silo => _silo!;

    public IBrowser Browser => _browser!;

    /// <summary>Where screenshots go: beside the test binaries, under TestResults.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's browser with `apt-get install chromium` (scripts/test.sh does).");
        }

        Directory.CreateDirectory(ScreenshotDirectory);
        _silo = await DemoSilo.StartAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox"],
        });

        // The whole demo fleet reporting before any page is opened.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        const int gpus = DemoSilo.DataCenters * DemoSilo.NodesPerDataCenter * 8;
        while (!await FleetSettledAsync(gpus))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The demo fleet did not reach {gpus} reporting GPUs within a minute.");
            }

            await Task.Delay(250);
        }
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Silo.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
            ColorScheme = ColorScheme.Dark,
        });
        return await context.NewPageAsync();
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, $"{name}.png"), FullPage = true });

    private async Task<bool> FleetSettledAsync(int gpus)
    {
        var fleet = await Silo.Http.GetFromJsonAsync<JsonElement>("/api/v1/fleet");
        return fleet.GetProperty("gpus").GetInt32() == gpus && fleet.GetProperty("gpusByHealth").GetProperty("offline").GetInt32() == 0;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }
}
