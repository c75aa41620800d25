namespace Telemetry.Live;

/// <summary>One event of the live feed (<c>/api/v1/stream</c>): its place in the cluster-wide sequence, its kind and its JSON payload.</summary>
/// <param name="Sequence">Assigned by the feed grain, increasing; 0 until appended.</param>
/// <param name="Kind">The Server-Sent Events name: <c>health</c> or <c>decision</c>.</param>
/// <param name="Json">The payload, already JSON, so the feed carries any kind without knowing its type.</param>
/// <param name="DataCenters">The data centers the event concerns: a tenant-scoped stream client gets it only when it may see one of them.</param>
[GenerateSerializer, Immutable, Alias("telemetry.LiveEvent")]
public sealed record LiveEvent(
    [property: Id(0)] long Sequence,
    [property: Id(1)] string Kind,
    [property: Id(2)] string Json,
    [property: Id(3)] string[]? DataCenters = null);
