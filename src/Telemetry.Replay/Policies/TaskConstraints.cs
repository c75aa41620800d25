using Telemetry.Replay.Engines;
using Telemetry.Replay.Fleet;

namespace Telemetry.Replay.Policies;

/// <summary>
/// What a node must offer a task, the same for every policy: the task's GPU models, its tenant's data
/// centers, an undrained node, a data center with admission weight above 0, and the GPUs themselves —
/// a fraction on one GPU with room, whole GPUs only where nothing runs (never a shared GPU).
/// </summary>
public static class TaskConstraints
{
    /// <summary>True when the node's model and data center are allowed to the task (capacity aside).</summary>
    public static bool Allows(ReplayTask task, ReplayNode node, TenantPlan tenants)
    {
        var models = task.Trace.Models;
        if (models.Count > 0 && !models.Contains(node.Model, StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        return tenants.DataCentersOf(task.Tenant) is not { } dcs || dcs.Contains(node.DataCenter, StringComparer.Ordinal);
    }

    /// <summary>True when the task could start on the node now.</summary>
    public static bool Fits(ReplayTask task, ReplayNode node, ReplayFleet fleet, TenantPlan tenants)
    {
        if (node.Drained || fleet.AdmissionWeight(node.DataCenter) <= 0 || !Allows(task, node, tenants))
        {
            return false;
        }

        var trace = task.Trace;
        if (trace.IsFractional)
        {
            foreach (var gpu in node.Gpus)
            {
                if (gpu.FreeMilli >= trace.GpuMilli)
                {
                    return true;
                }
            }

            return false;
        }

        return node.WholeFreeGpus >= trace.Gpus;
    }

    /// <summary>True when some node of the fleet could ever run the task (its shape and constraints, ignoring what runs now).</summary>
    public static bool Feasible(ReplayTask task, ReplayFleet fleet, TenantPlan tenants) =>
        fleet.Nodes.Any(n => n.Gpus.Count >= task.Trace.Gpus && Allows(task, n, tenants));

    /// <summary>The first <c>k</c> whole-free GPUs of the node, for a task of <c>k</c> whole GPUs.</summary>
    public static IReadOnlyList<GpuShare> FirstWholeGpus(ReplayNode node, int k)
    {
        var shares = new List<GpuShare>(k);
        foreach (var gpu in node.Gpus)
        {
            if (gpu.IsWholeFree && shares.Count < k)
            {
                shares.Add(new GpuShare(gpu.Index, 1000));
            }
        }

        return shares;
    }
}
