using Telemetry.Replay.Engines;
using Telemetry.Replay.Fleet;

namespace Telemetry.Replay.Policies;

/// <summary>A node drawn uniformly among those the task fits, and for a fraction a GPU drawn among those with room; seeded.</summary>
public sealed class RandomPolicy(TenantPlan tenants, int seed) : LocalPolicy(tenants)
{
    private readonly Random _random = new(seed);

    public override string Name => PolicyNames.Random;

    protected override ReplayNode Choose(ReplayTask task, IReadOnlyList<ReplayNode> fitting) => fitting[_random.Next(fitting.Count)];

    protected override ReplayGpu ChooseShareGpu(ReplayTask task, ReplayNode node)
    {
        var room = node.Gpus.Where(g => g.FreeMilli >= task.Trace.GpuMilli).ToList();
        return room[_random.Next(room.Count)];
    }
}
