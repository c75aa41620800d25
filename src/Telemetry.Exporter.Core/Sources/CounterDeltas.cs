namespace Telemetry.Exporter.Sources;

/// <summary>
/// Turns each GPU's running counter totals into deltas since its previous reading (WIRE.md sends counters as
/// deltas). A GPU's first reading gives NaN: errors counted before the exporter started are not news. A total
/// that went down (driver reload, counter reset) starts over from the new total.
/// </summary>
internal sealed class CounterDeltas
{
    private readonly Dictionary<string, double[]> _last = new(StringComparer.Ordinal);

    /// <summary>Replaces the counter columns of <paramref name="values"/> (totals) with deltas, in place.</summary>
    public void Apply(string uuid, double[] values)
    {
        if (!_last.TryGetValue(uuid, out var last))
        {
            _last[uuid] = last = new double[GpuReading.CounterFields.Count];
            Array.Fill(last, double.NaN);
        }

        for (var i = 0; i < GpuReading.CounterFields.Count; i++)
        {
            var column = GpuReading.CounterFields[i] - 1;
            var total = values[column];
            var previous = last[i];
            if (!double.IsNaN(total))
            {
                last[i] = total;
            }

            values[column] = double.IsNaN(total) || double.IsNaN(previous) ? double.NaN
                : total >= previous ? total - previous
                : total;
        }
    }
}
