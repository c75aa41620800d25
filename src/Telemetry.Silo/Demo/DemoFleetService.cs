using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Telemetry.Exporter.Simulation;
using Telemetry.Silo.Hosting;

namespace Telemetry.Silo.Demo;

/// <summary>Once the silo serves, runs the fleet simulator against its own HTTP port and says where to look.</summary>
public sealed partial class DemoFleetService(
    IServer server,
    IHostApplicationLifetime lifetime,
    IOptions<DemoFleetOptions> options,
    ILogger<DemoFleetService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await AppStart.WaitAsync(lifetime, stoppingToken))
        {
            return;
        }

        var baseUri = LocalUri(server.Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        var demo = options.Value;
        var simulator = new FleetSimulator(new SimulatorOptions
        {
            Servers = [baseUri],
            DataCenters = [.. Enumerable.Range(1, demo.DataCenters).Select(i => $"dc{i}")],
            NodesPerDataCenter = demo.NodesPerDataCenter,
            Interval = TimeSpan.FromSeconds(demo.IntervalSeconds),
            SamplesPerReport = demo.SamplesPerReport,
            XidRatePerGpuHour = demo.XidRatePerGpuHour,
            Models = [new(GpuModelSpec.B200, 3), new(GpuModelSpec.H200, 1)],
        });
        LogDemoStarted(demo.DataCenters * demo.NodesPerDataCenter, demo.DataCenters * demo.NodesPerDataCenter * 8, baseUri);
        await Console.Out.WriteLineAsync($"""

            Demo fleet: {demo.DataCenters} data centers × {demo.NodesPerDataCenter} nodes × 8 GPUs, reporting every {demo.IntervalSeconds} s.
            Open:
              {baseUri}                          the live dashboard
              {baseUri}api/v1/fleet              fleet totals and data centers
              {baseUri}api/v1/datacenters/dc1    one data center and its nodes
              {baseUri}api/v1/nodes/dc1/node-0001
              {baseUri}metrics                   ingest counters (Prometheus)
              {baseUri}openapi/v1.json           the API
            """);
        try
        {
            var stats = await simulator.RunAsync(stoppingToken);
            LogDemoStopped(stats.ReportsAccepted, stats.ReportsRejected);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>A wildcard listen address (0.0.0.0, [::], +, *) is reached through localhost.</summary>
    private static Uri LocalUri(string address)
    {
        var normalized = address.Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
            .Replace("://[::]", "://localhost", StringComparison.Ordinal);
        return new Uri(normalized.TrimEnd('/') + "/");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo fleet of {Nodes} nodes and {Gpus} GPUs reporting to {Server}")]
    private partial void LogDemoStarted(int nodes, int gpus, Uri server);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo fleet stopped: {Accepted} reports accepted, {Rejected} rejected")]
    private partial void LogDemoStopped(long accepted, long rejected);
}
