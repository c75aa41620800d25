namespace Telemetry.Benchmarks.HeatMap;

/// <summary>A main-thread task over 50 ms, as the Long Tasks API reports it: start and duration, ms.</summary>
internal sealed record LongTask(double Start, double Duration)
{
    public double End => Start + Duration;

    public bool Overlaps(double from, double to) => Start < to && End > from;
}
