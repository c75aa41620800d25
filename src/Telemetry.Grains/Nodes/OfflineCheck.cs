namespace Telemetry.Grains.Nodes;

/// <summary>GPUs a silence check found to have gone quiet, and since when.</summary>
/// <param name="GpuIndexes">The GPUs to mark offline.</param>
/// <param name="Since">The last report that carried them.</param>
/// <param name="NodeSilent">True when the whole node went silent, not only some GPUs.</param>
public sealed record OfflineCheck(int[] GpuIndexes, DateTimeOffset Since, bool NodeSilent)
{
    public static OfflineCheck None { get; } = new([], DateTimeOffset.MinValue, false);
}
