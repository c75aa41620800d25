namespace Telemetry.Replay.Results;

/// <summary>One point of a chart's series.</summary>
/// <param name="X">Arrived demand, % of capacity (packing), or trace hours since the start (timeline).</param>
/// <param name="Y">Unallocated GPUs, % of capacity (packing), or allocated GPUs, % of capacity (timeline).</param>
public readonly record struct SeriesPoint(double X, double Y);
