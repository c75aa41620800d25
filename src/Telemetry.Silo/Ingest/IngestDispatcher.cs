using Telemetry.Grains;
using Telemetry.State;
using Telemetry.Wire;

namespace Telemetry.Silo.Ingest;

/// <summary>Hands a decoded body to node grains: one call per node, its reports in body order, nodes in parallel.</summary>
public sealed class IngestDispatcher(IGrainFactory grains)
{
    public async Task<IngestOutcome> ApplyAsync(IReadOnlyList<NodeReport> reports)
    {
        if (reports.Count == 1)
        {
            return await GrainRefs.Of<INodeGrain>(grains, reports[0].NodeId).ApplyAsync([reports[0]]);
        }

        var byNode = new Dictionary<string, List<NodeReport>>(StringComparer.Ordinal);
        foreach (var report in reports)
        {
            if (!byNode.TryGetValue(report.NodeId, out var list))
            {
                byNode[report.NodeId] = list = [];
            }

            list.Add(report);
        }

        var calls = new Task<IngestOutcome>[byNode.Count];
        var i = 0;
        foreach (var (nodeId, nodeReports) in byNode)
        {
            calls[i++] = GrainRefs.Of<INodeGrain>(grains, nodeId).ApplyAsync([.. nodeReports]);
        }

        var total = IngestOutcome.None;
        foreach (var outcome in await Task.WhenAll(calls))
        {
            total = total.Add(outcome);
        }

        return total;
    }
}
