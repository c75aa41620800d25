namespace Telemetry.Grains.Windows;

/// <summary>
/// Takes one closed 10-second bucket: its means and maxima by field column (NaN where not measured) and its rows.
/// The spans are the cursor's scratch and live only for the call: a receiver that keeps them copies them.
/// </summary>
public delegate void RollupEmitter(long bucket, ReadOnlySpan<double> means, ReadOnlySpan<double> maxes, int rows);
