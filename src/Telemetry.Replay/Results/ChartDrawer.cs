namespace Telemetry.Replay.Results;

/// <summary>Draws the runs' chart into a directory; returns its path, or null when there is nothing to draw.</summary>
public delegate string? ChartDrawer(string directory, IReadOnlyList<PolicyResult> results);
