namespace Telemetry.Benchmarks.HeatMap;

/// <summary>One data center's heat map on the page, ms.</summary>
/// <param name="DataCenter">Its id.</param>
/// <param name="ParseMs">The answer's body read and parsed.</param>
/// <param name="DrawMs">Parsed to every cell drawn.</param>
/// <param name="ShownMs">The answer's arrival to the frame with the heat map shown.</param>
/// <param name="LongestTaskMs">The longest main-thread task between arrival and shown; 0 when none was over 50 ms.</param>
internal sealed record DataCenterDrawing(string DataCenter, double ParseMs, double DrawMs, double ShownMs, double LongestTaskMs);
