using System.Net.Http.Json;
using System.Text.Json;
using Telemetry.Exporter.Simulation;

namespace Telemetry.Silo.Tests;

[Collection(SiloCollection.Name)]
public sealed class SimulatorEndToEndTests(SiloFixture silo)
{
    [Fact]
    public async Task Simulator_AgainstRealSilo_EveryReportAcceptedAndEveryGpuVisible()
    {
        var dataCenters = new[] { $"sim{Guid.NewGuid():N}"[..12], $"sim{Guid.NewGuid():N}"[..12] };
        var simulator = new FleetSimulator(new SimulatorOptions
        {
            Servers = [silo.BaseAddress],
            DataCenters = dataCenters,
            NodesPerDataCenter = 5,
            Interval = TimeSpan.FromMilliseconds(500),
            SamplesPerReport = 5,
            Duration = TimeSpan.FromSeconds(4),
            Seed = 7,
        });

        var stats = await simulator.RunAsync();

        Assert.Equal(0, stats.ReportsRejected);
        Assert.Empty(stats.Errors);
        Assert.True(stats.ReportsAccepted >= 10, $"only {stats.ReportsAccepted} reports accepted");
        foreach (var dc in dataCenters)
        {
            var detail = await Eventually.GetAsync(
                () => silo.Http.GetFromJsonAsync<JsonElement>($"/api/v1/datacenters/{dc}"),
                d => d.GetProperty("gpus").GetInt32() == 40,
                what: $"data center {dc} to count its 40 simulated GPUs");
            Assert.Equal(5, detail.GetProperty("nodes").GetInt32());
        }

        var node = await silo.Http.GetFromJsonAsync<JsonElement>($"/api/v1/nodes/{dataCenters[0]}/node-0001");
        var gpu = await silo.Http.GetFromJsonAsync<JsonElement>($"/api/v1/gpus/{node.GetProperty("gpus")[0].GetProperty("uuid").GetString()}");
        Assert.True(gpu.GetProperty("samples").GetInt64() >= 10);
        Assert.True(gpu.GetProperty("windows").GetProperty("10s").GetProperty("power_w").GetProperty("count").GetInt64() > 0);
    }
}
