namespace Telemetry.Benchmarks.HeatMap;

/// <summary>One heat-map answer's way through the page, ms on the page's clock (<c>performance.now()</c>).</summary>
internal sealed record AnswerTimes(double Arrived, double Parsed, double Drawn, double Painted);
