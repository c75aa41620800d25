using Telemetry.Health;
using Telemetry.State;

namespace Telemetry.Silo.Live;

/// <summary>A node's GPUs as columns (one entry per GPU, by index), so a data center of thousands of GPUs stays a small answer.</summary>
/// <remarks>
/// A cell is named by node id and GPU index, not by UUID: 52,000 random UUIDs alone are 830 KB that no coding
/// shrinks, past the heat map's 512 KB budget; the node's own answer gives the UUID of the cell opened.
/// A new per-GPU fact is one more array of the same length, left out or null where a GPU has none.
/// </remarks>
/// <param name="Id">The node id, <c>dc/host</c>.</param>
/// <param name="Health">The node's own health.</param>
/// <param name="Drained">The node takes no new work.</param>
/// <param name="Model">The node's GPU model.</param>
/// <param name="States">Each GPU's health.</param>
/// <param name="UtilPct">Each GPU's newest utilization, percent; null when not measured.</param>
/// <param name="Jobs">Each GPU's job, or null (several, comma-separated, on a shared GPU).</param>
/// <param name="Shared">Each GPU's thousandths held or in use when it is shared between jobs; null when it is not shared.</param>
/// <param name="Stragglers">Each GPU: true while its job judges it a straggler.</param>
public sealed record HeatMapNode(
    string Id,
    HealthState Health,
    bool Drained,
    string? Model,
    HealthState[] States,
    double?[] UtilPct,
    string?[] Jobs,
    int?[] Shared,
    bool[] Stragglers)
{
    public static HeatMapNode From(NodeSummary node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var gpus = node.GpuBriefs;

        // A node whose summaries stopped arriving is shown offline whatever its GPUs last said.
        var offline = node.Health == HealthState.Offline;
        return new HeatMapNode(
            node.NodeId,
            node.Health,
            node.Drained,
            node.Model,
            [.. gpus.Select(g => offline ? HealthState.Offline : g.Health)],
            [.. gpus.Select(g => offline ? null : g.UtilPct)],
            [.. gpus.Select(g => g.JobId)],
            [.. gpus.Select(g => node.SharedGpus.FirstOrDefault(s => string.Equals(s.Uuid, g.Uuid, StringComparison.Ordinal))?.UsedMilli)],
            [.. gpus.Select(g => g.Straggler)]);
    }
}
