using System.Globalization;
using Telemetry.Placement;

namespace Telemetry.Grains.Placement;

/// <summary>
/// Scarce data centers: a job whose tenant may run anywhere loses points in a data center whose free GPUs the tenants
/// bound to it need (<see cref="PlacementScore.Scarcity"/> of its bound demand against its share of the free GPUs of the
/// data centers asked), so it leaves their room to them while other data centers have some.
/// </summary>
public static class DataCenterScarcity
{
    /// <summary>The matches with each candidate's score lowered, and its why extended, by its data center's scarcity.</summary>
    public static (string DataCenter, DataCenterMatch Match)[] Apply(IReadOnlyList<(string DataCenter, DataCenterMatch Match)> matches)
    {
        var allFree = matches.Sum(m => m.Match.FreeGpus);
        return [.. matches.Select(m => (m.DataCenter, Penalise(m.DataCenter, m.Match, PlacementScore.Scarcity(m.Match.BoundShare, m.Match.FreeGpus, allFree))))];
    }

    private static DataCenterMatch Penalise(string dataCenter, DataCenterMatch match, double scarcity) =>
        scarcity <= 0 ? match : match with
        {
            Candidates = [.. match.Candidates.Select(c => c with
            {
                Score = PlacementScore.Round(Math.Max(PlacementScore.Floor, c.Score - (PlacementScore.PerScarcity * scarcity))),
                Why = string.Create(CultureInfo.InvariantCulture,
                    $"{c.Why}; keeps scarce {dataCenter} for the tenants bound to it (scarcity {scarcity:F2}, -{PlacementScore.PerScarcity * scarcity:0.#} points)"),
            })],
        };
}
