using Telemetry.Replay.Engines;
using Telemetry.Replay.Fleet;

namespace Telemetry.Replay.Policies;

/// <summary>The first node in node-list order where the task fits; a fraction goes on its first GPU with room.</summary>
public sealed class FirstFitPolicy(TenantPlan tenants) : LocalPolicy(tenants)
{
    public override string Name => PolicyNames.FirstFit;

    protected override ReplayNode Choose(ReplayTask task, IReadOnlyList<ReplayNode> fitting) => fitting[0];

    protected override ReplayGpu ChooseShareGpu(ReplayTask task, ReplayNode node) =>
        node.Gpus.First(g => g.FreeMilli >= task.Trace.GpuMilli);
}
