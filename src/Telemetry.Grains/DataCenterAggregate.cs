using System.Buffers;
using Telemetry.Grains.DataCenters;
using Telemetry.Health;
using Telemetry.Placement;
using Telemetry.Rebalancing;
using Telemetry.State;

namespace Telemetry.Grains;

/// <summary>
/// A data center's nodes and the summary over them. A node counts as offline (not reporting) once its
/// exporter has been silent for <see cref="StaleAfter"/> or its grain judged it offline, whatever summaries its
/// grain still sends, and once its summaries stopped arriving (its grain is gone) for as long. What it held can be
/// written down (<see cref="Remember"/>) and restored in a new activation (<see cref="Restore"/>), so a data center
/// that moves to another silo keeps counting its nodes until they are proven silent.
/// </summary>
public sealed class DataCenterAggregate(string id)
{
    /// <summary>Three missed heartbeats.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(35);

    private readonly SortedDictionary<string, NodeEntry> _nodes = new(StringComparer.Ordinal);

    // Reused from write to write: a national data center's nodes pack to about a megabyte.
    private readonly ArrayBufferWriter<byte> _packing = new();

    /// <summary>Nodes held, reporting or not.</summary>
    public int NodeCount => _nodes.Count;

    /// <summary>
    /// Takes a node's summary. True when it is worth writing down soon: a node new here, or a change in what the
    /// totals count (health, GPUs by health, drain).
    /// </summary>
    public bool Update(NodeSummary summary, DateTimeOffset receivedAt)
    {
        var material = !_nodes.TryGetValue(summary.NodeId, out var previous)
            || previous.Summary.Health != summary.Health
            || previous.Summary.GpusByHealth != summary.GpusByHealth
            || previous.Summary.Drained != summary.Drained;
        _nodes[summary.NodeId] = new NodeEntry(summary, receivedAt, TimeSpan.Zero);
        return material;
    }

    /// <summary>Every node in compact form, to be written down at <paramref name="now"/>.</summary>
    public DataCenterDurableState Remember(DateTimeOffset now)
    {
        _packing.ResetWrittenCount();
        NodeSnapshotCodec.Encode(_nodes.Values, _packing);
        return new DataCenterDurableState { SavedAt = now, Packed = _packing.WrittenSpan.ToArray() };
    }

    /// <summary>
    /// Takes back what a previous activation wrote down. The time since it was written is time this data center
    /// could not hear its nodes, so it is not counted as their silence: each node reads as it did when written, and
    /// drops out only when its own summaries stay away for <see cref="StaleAfter"/> from now on.
    /// </summary>
    public void Restore(DataCenterDurableState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        var blind = now > state.SavedAt ? now - state.SavedAt : TimeSpan.Zero;
        foreach (var node in state.Packed is { } packed ? NodeSnapshotCodec.Decode(packed) : state.Nodes)
        {
            _nodes.TryAdd(node.Summary.NodeId, new NodeEntry(node.Summary, node.ReceivedAt + blind, node.Blind + blind));
        }
    }

    /// <summary>The summary as of <paramref name="now"/>.</summary>
    public DataCenterSummary Summarize(DateTimeOffset now, double admissionWeight)
    {
        var counts = HealthCounts.Zero;
        var free = 0;
        var power = 0.0;
        var utils = new List<double>(_nodes.Count * 8);
        foreach (var node in _nodes.Values)
        {
            var summary = node.Summary;
            if (!node.IsReporting(now, StaleAfter))
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
        var sharedFreeMilli = 0L;
        var nodes = new List<NodeSignal>();
        var jobs = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var node in _nodes.Values)
        {
            var summary = node.Summary;
            var fresh = node.IsReporting(now, StaleAfter);
            reporting += fresh ? 1 : 0;
            foreach (var shared in fresh ? summary.SharedGpus : [])
            {
                sharedFreeMilli += shared.Open ? Math.Max(0, GpuShares.Whole - shared.UsedMilli) : 0;
            }

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
            SharedFreeGpus = (double)sharedFreeMilli / GpuShares.Whole,
            Nodes = [.. nodes],
            Jobs = [.. jobs.OrderBy(j => j.Value).ThenBy(j => j.Key, StringComparer.Ordinal).Take(DataCenterSignals.MaxJobs).Select(j => new JobShare(j.Key, j.Value))],
        };
    }

    /// <summary>One page of node summaries, ordered by node id; stale nodes are shown offline.</summary>
    public NodeSummary[] Page(int skip, int take, DateTimeOffset now) =>
        [.. _nodes.Values.Skip(skip).Take(take).Select(n => n.IsReporting(now, StaleAfter) ? n.Summary : AsOffline(n.Summary))];

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
