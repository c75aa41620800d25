using Telemetry.Silo.Hosting;
using Telemetry.Silo.Tests;

namespace Telemetry.Dashboard.Tests;

/// <summary>A real silo on 127.0.0.1 (the silo tests' own start-up) running a small demo fleet without XID faults.</summary>
internal static class DemoSilo
{
    public const int DataCenters = 2;
    public const int NodesPerDataCenter = 12;

    public static Task<RunningSilo> StartAsync(params string[] extra) => RunningSilo.StartAsync(
    [
        .. extra,
        TelemetrySilo.DemoSwitch,
        $"--Demo:DataCenters={DataCenters}",
        $"--Demo:NodesPerDataCenter={NodesPerDataCenter}",
        "--Demo:IntervalSeconds=1",
        "--Demo:SamplesPerReport=5",
        "--Demo:XidRatePerGpuHour=0",
        "--Live:SummaryInterval=00:00:01",
        // A test's faulty node reports once; it must stay unhealthy, not go offline, while the page is checked.
        "--Telemetry:Nodes:MinOfflineAfter=00:01:00",
    ]);
}
