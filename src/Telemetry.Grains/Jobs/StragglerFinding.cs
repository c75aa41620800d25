namespace Telemetry.Grains.Jobs;

/// <summary>A straggler found, still there, or cleared, as one window or a departure showed it.</summary>
/// <param name="Uuid">The GPU.</param>
/// <param name="Node">Its node.</param>
/// <param name="Kind">Became, still, or cleared.</param>
/// <param name="Lag">The lag it was found on (for a clear: the lag it had been found on).</param>
/// <param name="Reason">The reason line as found; for a clear, why it cleared.</param>
/// <param name="Action">The recommended action as found.</param>
/// <param name="WindowEndMs">End of the window that showed it, Unix ms of sample time.</param>
public sealed record StragglerFinding(string Uuid, string Node, FindingKind Kind, SignalLag Lag, string Reason, string Action, long WindowEndMs);
