using System.Globalization;
using System.Text;

namespace Telemetry.Replay.Results;

/// <summary>Writes every run's chart series to <c>series.csv</c> (<c>policy,rebalance,x,y</c>), so the figures can be drawn anywhere.</summary>
public static class SeriesWriter
{
    public static void Write(string directory, IReadOnlyList<PolicyResult> results)
    {
        var text = new StringBuilder("policy,rebalance,mode,x,y\n");
        foreach (var result in results)
        {
            foreach (var point in result.Series)
            {
                text.Append(CultureInfo.InvariantCulture, $"{result.Policy},{(result.Rebalance ? "on" : "off")},{result.Mode},{point.X:0.###},{point.Y:0.###}\n");
            }
        }

        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "series.csv"), text.ToString());
    }
}
