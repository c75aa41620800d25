using Telemetry.State;

namespace Telemetry.Grains.Windows;

/// <summary>Running count, sum, min and max while a window's buckets are merged on read.</summary>
internal struct WindowAccumulator
{
    public long Count;
    public double Sum;
    public double Min;
    public double Max;

    public static WindowAccumulator Empty => new() { Min = double.PositiveInfinity, Max = double.NegativeInfinity };

    public void Merge(int count, double sum, double min, double max)
    {
        if (count == 0)
        {
            return;
        }

        Count += count;
        Sum += sum;
        Min = Math.Min(Min, min);
        Max = Math.Max(Max, max);
    }

    public readonly WindowStats ToStats(double? p95) => new(Count, Min, Sum / Count, Max, p95);
}
