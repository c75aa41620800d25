namespace Telemetry.Replay.Fleet;

/// <summary>Where a task runs: GPUs of one node, each with its share.</summary>
/// <param name="Node">The node.</param>
/// <param name="Shares">One entry per GPU the task uses.</param>
/// <param name="ReservationId">The silo's reservation, released when the task ends; null for baselines.</param>
public sealed record Placement(ReplayNode Node, IReadOnlyList<GpuShare> Shares, string? ReservationId = null);
