using Telemetry.Placement;

namespace Telemetry.Grains;

/// <summary>One reservation, keyed by its id: which nodes hold GPUs for it, so it can be released in one call.</summary>
[Alias("telemetry.IReservationGrain")]
public interface IReservationGrain : IGrainWithStringKey
{
    /// <summary>Asks every node of <paramref name="nodes"/> to hold its GPUs; all or none. False when a node refused.</summary>
    [Alias("Hold")]
    Task<bool> HoldAsync(PlacementNode[] nodes, DateTimeOffset expiresAt, string? jobId);

    /// <summary>The reservation as held; null when it is unknown, released or expired.</summary>
    [Alias("Get")]
    Task<PlacementReservation?> GetAsync();

    /// <summary>Holds the GPUs until <paramref name="expiresAt"/> instead; null when the reservation is unknown, released or expired.</summary>
    [Alias("Extend")]
    Task<PlacementReservation?> ExtendAsync(DateTimeOffset expiresAt);

    /// <summary>Releases the held GPUs; false when the reservation is unknown or has expired.</summary>
    [Alias("Release")]
    Task<bool> ReleaseAsync();
}
