using Telemetry.Replay.Engines;
using Telemetry.Replay.Fleet;

namespace Telemetry.Replay.Policies;

/// <summary>
/// The node left with the least free GPU capacity once the task is on it (ties: node-list order); a
/// fraction goes on the GPU with the least room that still fits it.
/// </summary>
public sealed class BestFitPolicy(TenantPlan tenants) : LocalPolicy(tenants)
{
    public override string Name => PolicyNames.BestFit;

    protected override ReplayNode Choose(ReplayTask task, IReadOnlyList<ReplayNode> fitting)
    {
        var best = fitting[0];
        foreach (var node in fitting)
        {
            if (node.FreeMilli < best.FreeMilli)
            {
                best = node;
            }
        }

        return best;
    }

    protected override ReplayGpu ChooseShareGpu(ReplayTask task, ReplayNode node) =>
        node.Gpus.Where(g => g.FreeMilli >= task.Trace.GpuMilli).MinBy(g => g.FreeMilli)!;
}
