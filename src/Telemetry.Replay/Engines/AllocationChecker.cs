using Telemetry.Replay.Fleet;

namespace Telemetry.Replay.Engines;

/// <summary>
/// Checks every start on its own ledger of GPU shares, apart from the fleet the policies read, so a
/// policy that over-fills a GPU or breaks a constraint is counted, not assumed away.
/// </summary>
public sealed class AllocationChecker(TenantPlan tenants)
{
    private readonly Dictionary<string, int> _milliByGpu = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _wholeByGpu = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(string Gpu, int Milli, bool Whole)>> _byTask = new(StringComparer.Ordinal);

    /// <summary>Starts that put a GPU over 1000 thousandths, or a whole-GPU task with any other on one GPU.</summary>
    public int DoubleAllocations { get; private set; }

    /// <summary>Starts on a model the task may not use, outside its tenant's data centers, on a drained node, on an unhealthy GPU, or of the wrong shape.</summary>
    public int ConstraintViolations { get; private set; }

    /// <summary>Starts on a node known drained at the time (also counted in <see cref="ConstraintViolations"/>).</summary>
    public int StartsOnDrainedNodes { get; private set; }

    /// <summary>Checks a start and adds it to the ledger.</summary>
    public void OnStart(ReplayTask task, Placement placement, ReplayFleet fleet)
    {
        var node = placement.Node;
        var trace = task.Trace;
        var violated = false;
        if (trace.Models.Count > 0 && !trace.Models.Any(m => string.Equals(m, node.Model, StringComparison.OrdinalIgnoreCase)))
        {
            violated = true;
        }

        if (tenants.DataCentersOf(task.Tenant) is { } allowed && !allowed.Contains(node.DataCenter))
        {
            violated = true;
        }

        if (node.Drained || fleet.AdmissionWeight(node.DataCenter) <= 0)
        {
            StartsOnDrainedNodes += node.Drained ? 1 : 0;
            violated = true;
        }

        var indices = placement.Shares.Select(s => s.Index).ToList();
        var wantMilli = trace.IsFractional ? trace.GpuMilli : 1000;
        if (indices.Count != trace.Gpus || indices.Distinct().Count() != indices.Count
            || placement.Shares.Any(s => s.Milli != wantMilli || s.Index < 0 || s.Index >= node.Gpus.Count))
        {
            ConstraintViolations += 1;
            return;
        }

        if (placement.Shares.Any(s => !node.Gpus[s.Index].Healthy))
        {
            violated = true;
        }

        ConstraintViolations += violated ? 1 : 0;
        var entries = new List<(string, int, bool)>();
        var doubled = false;
        foreach (var share in placement.Shares)
        {
            var key = node.Gpus[share.Index].Uuid;
            var used = _milliByGpu.GetValueOrDefault(key);
            var whole = !trace.IsFractional;
            if (used + share.Milli > 1000 || (used > 0 && (whole || _wholeByGpu.GetValueOrDefault(key))))
            {
                doubled = true;
            }

            _milliByGpu[key] = used + share.Milli;
            _wholeByGpu[key] = _wholeByGpu.GetValueOrDefault(key) || whole;
            entries.Add((key, share.Milli, whole));
        }

        DoubleAllocations += doubled ? 1 : 0;
        _byTask[task.Id] = entries;
    }

    /// <summary>Removes an ended task from the ledger.</summary>
    public void OnStop(string taskId)
    {
        if (!_byTask.Remove(taskId, out var entries))
        {
            return;
        }

        foreach (var (gpu, milli, whole) in entries)
        {
            _milliByGpu[gpu] -= milli;
            if (whole)
            {
                _wholeByGpu[gpu] = false;
            }
        }
    }
}
