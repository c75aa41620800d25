using Telemetry.Health;
using Telemetry.State;

namespace Telemetry.Grains.Tests.Placement;

/// <summary>Node summaries as a node grain would send them, for placement-index tests.</summary>
internal static class TestNodes
{
    public static NodeSummary Summary(string nodeId, int free, int size = 8, double headroom = 0.5, string model = "NVIDIA B200", bool drained = false, double freeMemoryMib = 180_000) => new()
    {
        NodeId = nodeId,
        Health = HealthState.Healthy,
        GpusByHealth = new HealthCounts(size, 0, 0, 0),
        FreeGpus = free,
        FreeGpuUuids = [.. Enumerable.Range(0, free).Select(i => $"GPU-{nodeId}-{i}")],
        Model = model,
        Headroom = headroom,
        Drained = drained,
        FreeMemoryMib = free == 0 ? null : freeMemoryMib,
    };
}
