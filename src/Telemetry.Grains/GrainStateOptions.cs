namespace Telemetry.Grains;

/// <summary>Whether grain state outlives a silo, and the storage provider's name.</summary>
public sealed class GrainStateOptions
{
    /// <summary>The grain storage provider every telemetry grain uses.</summary>
    public const string StorageName = "telemetry";

    /// <summary>
    /// The provider for the little state that must outlive an activation even without durable storage (a job's
    /// tenant, written once per placement): the durable store when there is one, silo memory otherwise.
    /// </summary>
    public const string KeptStorageName = "telemetry-kept";

    /// <summary>
    /// True with durable storage (Redis): grains write what must survive a crash. False in memory, where a
    /// write would cost a call per report and survive nothing.
    /// </summary>
    public bool Durable { get; init; }
}
