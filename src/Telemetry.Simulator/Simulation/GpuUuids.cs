namespace Telemetry.Exporter.Simulation;

/// <summary>Stable GPU UUIDs: the same seed and node id always give the same GPUs, so restarts show the same fleet.</summary>
internal static class GpuUuids
{
    /// <summary>A seed for everything that names a node's hardware, from the run's identity seed and the node id.</summary>
    public static ulong NodeSeed(ulong identitySeed, string nodeId)
    {
        // FNV-1a: string.GetHashCode is randomized per process, which would defeat stability.
        var hash = 14695981039346656037UL ^ identitySeed;
        foreach (var c in nodeId)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return FastRandom.SplitMix(ref hash);
    }

    /// <summary>Formats 128 random bits as <c>GPU-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx</c>.</summary>
    public static string Next(ref FastRandom random)
    {
        var high = random.NextUInt64();
        var low = random.NextUInt64();
        return string.Create(null, stackalloc char[64],
            $"GPU-{high >> 32:x8}-{(high >> 16) & 0xFFFF:x4}-{high & 0xFFFF:x4}-{low >> 48:x4}-{low & 0xFFFF_FFFF_FFFFUL:x12}");
    }
}
