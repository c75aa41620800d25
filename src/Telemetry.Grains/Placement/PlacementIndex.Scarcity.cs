using System.Globalization;
using Telemetry.Placement;

namespace Telemetry.Grains.Placement;

/// <summary>
/// Scarce models: the free GPUs of each model, against the recent demand that named it, so that a job able to run
/// anywhere leaves a model's last room to the jobs that can run only there.
/// </summary>
public sealed partial class PlacementIndex
{
    private readonly Dictionary<string, double> _freeByModel = new(StringComparer.OrdinalIgnoreCase);
    private double _allFree;

    /// <summary>
    /// How scarce <paramref name="node"/>'s model is for <paramref name="request"/> (0–1, <see cref="PlacementScore.Scarcity"/>):
    /// always 0 for a request that names its model, which needs it.
    /// </summary>
    public double ScarcityFor(IndexedNode node, PlacementRequest request) =>
        request.Model is not null ? 0
        : PlacementScore.Scarcity(Mix.ModelShare(node.Summary.Model), _freeByModel.GetValueOrDefault(node.Summary.Model ?? ""), _allFree);

    // Adds (sign 1) or takes out (sign −1) what a node has free: whole GPUs, and the free thousandths of its shared ones.
    private void CountFree(IndexedNode node, int sign)
    {
        var free = sign * (node.Free.Length + (node.Slots.Sum(s => s.FreeMilli) / (double)GpuShares.Whole));
        var model = node.Summary.Model ?? "";
        _freeByModel[model] = _freeByModel.GetValueOrDefault(model) + free;
        _allFree += free;
    }

    // The why's words for a scarcity that cost points, or nothing.
    private static string ScarcityWhy(IndexedNode node, double scarcity) =>
        scarcity <= 0 ? ""
        : string.Create(CultureInfo.InvariantCulture,
            $"; keeps scarce {node.Summary.Model} for the jobs that name it (scarcity {scarcity:F2}, -{PlacementScore.PerScarcity * scarcity:0.#} points)");
}
