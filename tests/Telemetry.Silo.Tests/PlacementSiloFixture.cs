namespace Telemetry.Silo.Tests;

/// <summary>
/// A silo for placement tests: nodes stay online for ten minutes after one report (so a test needs no
/// exporter loop to keep its GPUs free), and the rebalancer stays out of the way.
/// </summary>
public sealed class PlacementSiloFixture : IAsyncLifetime
{
    public static readonly string[] Arguments = ["--Telemetry:Nodes:MinOfflineAfter=00:10:00", "--Telemetry:Rebalancer:Interval=01:00:00"];

    public RunningSilo Silo { get; private set; } = null!;

    public HttpClient Http => Silo.Http;

    public async Task InitializeAsync() => Silo = await RunningSilo.StartAsync(Arguments);

    public async Task DisposeAsync() => await Silo.DisposeAsync();
}
