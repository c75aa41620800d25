namespace Telemetry.Replay.Engines;

/// <summary>A rebalancing decision as the replay acts on it (see docs/rebalancing.md).</summary>
/// <param name="Id">The decision's id, for the acknowledgement.</param>
/// <param name="Kind"><c>shift</c>, <c>migrate</c>, <c>drain</c> or <c>undrain</c>.</param>
/// <param name="From">The data center turned down, or a migration's source.</param>
/// <param name="To">The data center restored or given room, or a migration's target.</param>
/// <param name="Node">A drain's node id (<c>dc/host</c>).</param>
/// <param name="JobId">A migration's job (the replay's task id).</param>
/// <param name="AdmissionWeight">A shift's new weight of <paramref name="From"/> (or of <paramref name="To"/> alone when restored).</param>
public sealed record ReplayDecision(string Id, string Kind, string? From, string? To, string? Node, string? JobId, double? AdmissionWeight);
