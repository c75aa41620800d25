using Telemetry.Rebalancing;
using Telemetry.State;

using Telemetry.Exporter.Simulation.Scenarios;

namespace Telemetry.Exporter.Tests.Scenarios;

/// <summary>
/// The data centers of a scenario as the silo would summarize them at a time: what the rebalancer reads.
/// It stands in for ingest and health judging, with the silo's verdicts for each condition (heat throttling
/// for most of a minute: degraded; XID 79: unhealthy until reset; silence: offline), so the rebalancer can be
/// driven through a scenario's hours in milliseconds.
/// </summary>
public sealed class ScenarioFleet(Scenario scenario, IReadOnlyList<string> dataCenters, int nodesPerDataCenter, int gpusPerNode = 8)
{
    /// <summary>Share of GPUs busy on a node the scenario leaves alone (the steady fleet's typical load).</summary>
    public const double SteadyBusyShare = 0.7;

    public DataCenterSignals[] SignalsAt(long tMs) => [.. dataCenters.Select(dc => DataCenter(dc, tMs))];

    private DataCenterSignals DataCenter(string dc, long tMs)
    {
        int healthy = 0, degraded = 0, unhealthy = 0, offline = 0, free = 0, reporting = 0;
        var nodes = new List<NodeSignal>();
        var jobs = new List<JobShare>();
        for (var i = 0; i < nodesPerDataCenter; i++)
        {
            var nodeId = $"{dc}/node-{i + 1:D4}";
            var condition = scenario.At(dc, i, nodesPerDataCenter, tMs);
            if (condition.Silent)
            {
                offline += gpusPerNode;
                continue;
            }

            reporting++;
            var busy = (int)Math.Round((condition.BusyShare ?? SteadyBusyShare) * gpusPerNode);
            var lost = condition.StruckByXid ? 1 : 0;
            unhealthy += lost;
            if (condition.Throttled)
            {
                degraded += gpusPerNode - lost;
            }
            else
            {
                healthy += gpusPerNode - lost;
                free += Math.Max(0, gpusPerNode - lost - busy);
            }

            JobShare[] running = busy > 0 ? [new JobShare($"{nodeId}/job", busy)] : [];
            if (lost > 0)
            {
                // As the silo lists a node with unhealthy GPUs: with the jobs it runs.
                nodes.Add(new NodeSignal(nodeId, lost, false, true) { Jobs = running });
            }

            jobs.AddRange(running);
        }

        var counts = new HealthCounts(healthy, degraded, unhealthy, offline);
        return new DataCenterSignals
        {
            Summary = new DataCenterSummary { Id = dc, Nodes = nodesPerDataCenter, Gpus = counts.Total, GpusByHealth = counts, FreeGpus = free, Utilization = UtilizationSummary.Zero },
            ReportingNodes = reporting,
            Nodes = [.. nodes],
            Jobs = [.. jobs.Take(DataCenterSignals.MaxJobs)],
        };
    }
}
