using ScottPlot;

using Telemetry.Replay.Results;

namespace Telemetry.Replay.Charts;

/// <summary>
/// Draws the replay's PNG charts with ScottPlot: unallocated GPUs against arrived demand (packing, the FGD
/// paper's figure) and allocation over trace time (timeline), one line per policy run.
/// </summary>
public static class ChartWriter
{
    /// <summary>Writes the chart of the runs' mode into <paramref name="directory"/>; returns its path, or null when no run has a series.</summary>
    public static string? Write(string directory, IReadOnlyList<PolicyResult> results)
    {
        var drawn = results.Where(r => r.Series.Count > 1).ToList();
        if (drawn.Count == 0)
        {
            return null;
        }

        var packing = drawn[0].Mode == Replay.Engines.ReplayModes.Packing;
        var plot = new Plot();
        foreach (var result in drawn)
        {
            var line = plot.Add.ScatterLine(result.Series.Select(p => p.X).ToArray(), result.Series.Select(p => p.Y).ToArray());
            line.LegendText = result.Rebalance && result.Policy == Replay.Policies.PolicyNames.Silo ? $"{result.Policy} (rebalance on)" : result.Policy;
            line.LineWidth = 2;
        }

        if (packing)
        {
            plot.Title("Unallocated GPU capacity as demand arrives");
            plot.XLabel("arrived GPU demand, % of capacity");
            plot.YLabel("unallocated GPUs, % of capacity");
        }
        else
        {
            plot.Title("GPU allocation over trace time");
            plot.XLabel("trace hours since the start");
            plot.YLabel("allocated GPUs, % of capacity");
        }

        plot.ShowLegend(Alignment.UpperLeft);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, packing ? "unallocated-vs-demand.png" : "allocation-over-time.png");
        plot.SavePng(path, 1000, 560);
        return path;
    }
}
