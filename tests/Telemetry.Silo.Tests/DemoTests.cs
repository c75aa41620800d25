using System.Net.Http.Json;
using System.Text.Json;
using Telemetry.Silo.Hosting;

namespace Telemetry.Silo.Tests;

public sealed class DemoTests
{
    [Fact]
    public async Task Demo_SwitchRunsASimulatedFleetAgainstTheSilo()
    {
        await using var silo = await RunningSilo.StartAsync(
            TelemetrySilo.DemoSwitch, "--Demo:DataCenters=2", "--Demo:NodesPerDataCenter=3", "--Demo:IntervalSeconds=0.5");

        var fleet = await Eventually.GetAsync(
            () => silo.Http.GetFromJsonAsync<JsonElement>("/api/v1/fleet"),
            f => f.GetProperty("gpus").GetInt32() == 48,
            what: "the demo fleet's 6 nodes × 8 GPUs to report");

        Assert.Equal(2, fleet.GetProperty("dataCenterCount").GetInt32());
        Assert.Equal(6, fleet.GetProperty("nodes").GetInt32());
    }
}
