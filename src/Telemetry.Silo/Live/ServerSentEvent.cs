namespace Telemetry.Silo.Live;

/// <summary>One event as a stream client gets it.</summary>
/// <param name="Id">The feed sequence, for <c>Last-Event-ID</c>; null for events that are not resumed (summaries).</param>
/// <param name="Name">The event name (<c>health</c>, <c>decision</c>, <c>summary</c>).</param>
/// <param name="Data">The JSON payload.</param>
/// <param name="DataCenters">The data centers it concerns; null for an event about the whole fleet, which only clients that see every data center get.</param>
public sealed record ServerSentEvent(long? Id, string Name, string Data, IReadOnlyList<string>? DataCenters = null);
