using Telemetry.Rebalancing;
using Telemetry.State;

namespace Telemetry.Grains.Tests.Rebalancing;

/// <summary>Data-center signals as a data-center grain would answer them, for rebalancer tests.</summary>
internal static class TestSignals
{
    public static DataCenterSignals Of(
        string id, int nodes = 100, int free = 400, int degraded = 0, int unhealthy = 0, int offline = 0,
        int? reportingNodes = null, NodeSignal[]? nodeSignals = null, JobShare[]? jobs = null,
        DateTimeOffset? boundWorkTurnedAwayAt = null, DateTimeOffset? workTurnedAwayAt = null, int turnedAwayGpus = 1)
    {
        var gpus = nodes * 8;
        return new DataCenterSignals
        {
            Summary = new DataCenterSummary
            {
                Id = id,
                Nodes = nodes,
                Gpus = gpus,
                GpusByHealth = new HealthCounts(gpus - degraded - unhealthy - offline, degraded, unhealthy, offline),
                FreeGpus = free,
                Utilization = UtilizationSummary.Zero,
            },
            ReportingNodes = reportingNodes ?? nodes,
            Nodes = nodeSignals ?? [],
            Jobs = jobs ?? [],
            BoundWorkTurnedAwayAt = boundWorkTurnedAwayAt,
            WorkTurnedAwayAt = [.. Enumerable.Range(1, DataCenterSignals.SizesTracked).Select(g => g == turnedAwayGpus ? workTurnedAwayAt ?? boundWorkTurnedAwayAt : null)],
        };
    }

    public static NodeSignal[] Unhealthy(string dc, int count, int from = 0) =>
        [.. Enumerable.Range(from, count).Select(i => new NodeSignal($"{dc}/n{i:D4}", 1, false, true))];
}
