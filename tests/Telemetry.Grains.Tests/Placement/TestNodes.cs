using Telemetry.Health;
using Telemetry.State;

namespace Telemetry.Grains.Tests.Placement;

/// <summary>Node summaries as a node grain would send them, for placement-index tests.</summary>
internal static class TestNodes
{
    public static NodeSummary Summary(string nodeId, int free, int size = 8, double headroom = 0.5, string model = "NVIDIA B200", bool drained = false, double freeMemoryMib = 180_000, params int[] sharedUsedMilli) => new()
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
        SharedGpus = [.. sharedUsedMilli.Select((used, i) => new SharedGpu(SharedUuid(nodeId, i), used, Open: used < 1000))],
        GpuBriefs = [.. Enumerable.Range(0, size).Select(i => new GpuBrief
        {
            Uuid = i < free ? $"GPU-{nodeId}-{i}" : $"GPU-{nodeId}-busy{i}",
            Index = i,
            Model = model,
            Health = HealthState.Healthy,
            FbFreeMib = freeMemoryMib,
            FbTotalMib = 192_000,
        }).Concat(sharedUsedMilli.Select((_, i) => new GpuBrief
        {
            Uuid = SharedUuid(nodeId, i), Index = size + i, Model = model, Health = HealthState.Healthy, FbFreeMib = freeMemoryMib, FbTotalMib = 192_000,
        }))],
    };

    /// <summary>The UUID <see cref="Summary"/> gives the node's shared GPU number <paramref name="i"/>.</summary>
    public static string SharedUuid(string nodeId, int i) => $"GPU-{nodeId}-shared{i}";
}
