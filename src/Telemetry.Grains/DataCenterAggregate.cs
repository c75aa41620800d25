using Telemetry.Health;
using Telemetry.Rebalancing;
using Telemetry.State;

namespace Telemetry.Grains;

/// <summary>
/// A data center's nodes and the summary over them. A node counts as offline (not reporting) once its
/// exporter has been silent for <see cref="StaleAfter"/> or its grain judged it offline, whatever summaries its
/// grain still sends, and once its summaries stopped arriving (its grain is gone) for as long.
/// </summary>
public sealed class DataCenterAggregate(string id)
{
    /// <summary>Three missed heartbeats.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(35);

    private readonly SortedDictionary<string, (NodeSummary Summary, DateTimeOffset ReceivedAt)> _nodes = new(StringComparer.Ordinal);

    public int NodeCount => _nodes.Count;

    public void Update(NodeSummary summary, DateTimeOffset receivedAt) => _nodes[summary.NodeId] = (summary, receivedAt);

    /// <summary>The summary as of <paramref name="now"/>.</summary>
    public DataCenterSummary Summarize(DateTimeOffset now, double admissionWeight)
    {
        var counts = HealthCounts.Zero;
        var free = 0;
        var power = 0.0;
        var utils = new List<double>(_nodes.Count * 8);
        foreach (var (summary, receivedAt) in _nodes.Values)
        {
            if (!IsReporting(summary, receivedAt, now))
            {
                counts = counts.Add(new HealthCounts(0, 0, 0, summary.Gpus));
                continue;
            }

            counts = counts.Add(summary.GpusByHealth);
            free += summary.FreeGpus;
            power += summary.PowerW;
            utils.AddRange(summary.GpuUtilPct);
        }

        return new DataCenterSummary
        {
            Id = id,
            Nodes = _nodes.Count,
            Gpus = counts.Total,
            GpusByHealth = counts,
            FreeGpus = free,
            Utilization = Utilization(utils),
            PowerW = power,
            AdmissionWeight = admissionWeight,
        };
    }

    /// <summary>What the rebalancer reads: the summary, nodes with unhealthy GPUs or drained, and the smallest running jobs.</summary>
    public DataCenterSignals Signals(DateTimeOffset now, double admissionWeight)
    {
        var reporting = 0;
        var nodes = new List<NodeSignal>();
        var jobs = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (summary, receivedAt) in _nodes.Values)
        {
            var fresh = IsReporting(summary, receivedAt, now);
            reporting += fresh ? 1 : 0;
            if (summary.GpusByHealth.Unhealthy > 0 || summary.Drained)
            {
                nodes.Add(new NodeSignal(summary.NodeId, summary.GpusByHealth.Unhealthy, summary.Drained, fresh) { Jobs = summary.Jobs });
            }

            foreach (var job in fresh ? summary.Jobs : [])
            {
                jobs[job.JobId] = jobs.GetValueOrDefault(job.JobId) + job.Gpus;
            }
        }

        return new DataCenterSignals
        {
            Summary = Summarize(now, admissionWeight),
            ReportingNodes = reporting,
            Nodes = [.. nodes],
            Jobs = [.. jobs.OrderBy(j => j.Value).ThenBy(j => j.Key, StringComparer.Ordinal).Take(DataCenterSignals.MaxJobs).Select(j => new JobShare(j.Key, j.Value))],
        };
    }

    /// <summary>One page of node summaries, ordered by node id; stale nodes are shown offline.</summary>
    public NodeSummary[] Page(int skip, int take, DateTimeOffset now) =>
        [.. _nodes.Values.Skip(skip).Take(take).Select(n => IsReporting(n.Summary, n.ReceivedAt, now) ? n.Summary : AsOffline(n.Summary))];

    // The node grain keeps sending heartbeats while its exporter is silent, so a fresh summary alone proves nothing:
    // the exporter's last report must be recent too, and the grain must not have judged the node offline.
    private static bool IsReporting(NodeSummary summary, DateTimeOffset receivedAt, DateTimeOffset now) =>
        now - receivedAt <= StaleAfter
        && summary.Health != HealthState.Offline
        && summary.LastReportAt is { } last && now - last <= StaleAfter;

    private static NodeSummary AsOffline(NodeSummary summary) => summary with
    {
        Health = HealthState.Offline,
        GpusByHealth = new HealthCounts(0, 0, 0, summary.Gpus),
        FreeGpus = 0,
        GpuUtilPct = [],
        PowerW = 0,
    };

    private static UtilizationSummary Utilization(List<double> utils)
    {
        if (utils.Count == 0)
        {
            return UtilizationSummary.Zero;
        }

        utils.Sort();
        var rank = (int)Math.Ceiling(0.95 * utils.Count) - 1;
        return new UtilizationSummary(utils.Average(), utils[Math.Clamp(rank, 0, utils.Count - 1)]);
    }
}
