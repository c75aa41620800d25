using System.Globalization;
using Telemetry.Placement;

namespace Telemetry.Grains.Placement;

/// <summary>Fractions of one GPU: packed onto GPUs already shared, tightest fit first, before a whole GPU is broken.</summary>
public sealed partial class PlacementIndex
{
    private PlacementCandidate[] FindShare(PlacementQuery query, int milli, double weight, DateTimeOffset now)
    {
        var request = query.Request;
        var best = new CandidateList<Place>(query.Candidates);
        foreach (var slots in SharedOf(request.Model))
        {
            foreach (var slot in slots.Fitting(milli))
            {
                // Tightest first: once even a perfectly cool GPU this loose cannot make the list, none further can.
                if (best.IsFull && weight * PlacementScore.ShareUpperBound(slot.FreeMilli, milli) <= best.Worst)
                {
                    break;
                }

                var node = slot.Node;
                if (IsOpen(node, request, now) && HasMemory(node, slot.Uuid, request))
                {
                    best.Offer(weight * PlacementScore.Share(slot.FreeMilli, milli, node.Summary.Headroom), new Place(node, slot));
                }
            }
        }

        // Every shared place outscores breaking a whole GPU, so these fill only what the shared GPUs leave.
        OfferWhole(request, 1, weight, now, best);
        return [.. best.Best.Select(b => ShareCandidate(b.Item, milli, b.Score, weight))];
    }

    private PlacementCandidate ShareCandidate(Place place, int milli, double score, double weight)
    {
        var node = place.Node;
        var (gpu, packing) = place.Slot is { } slot
            ? (slot.Uuid, string.Create(CultureInfo.InvariantCulture, $"shares {slot.Uuid}, already divided ({slot.FreeMilli}/1000 free, {slot.FreeMilli - milli} left)"))
            : (node.Free[0], string.Create(CultureInfo.InvariantCulture, $"breaks a whole GPU, no shared GPU fits {milli}/1000 (fragmentation gain {Fragmentation.Gain(node.Free.Length, 1):F2} GPUs)"));
        var why = string.Create(CultureInfo.InvariantCulture, $"{node.Id}: {packing}; headroom {node.Summary.Headroom:F2}; admission weight {weight:F2}");
        return new PlacementCandidate(dataCenter, PlacementScore.Round(score), why, [new PlacementNode(node.Id, [gpu]) { GpuMilli = milli }]);
    }

    // A shared GPU's own free frame buffer, since the node's figure counts only its whole free GPUs.
    private static bool HasMemory(IndexedNode node, string uuid, PlacementRequest request) =>
        request.MinFreeMemoryMib <= 0
        || node.Summary.GpuBriefs.FirstOrDefault(g => string.Equals(g.Uuid, uuid, StringComparison.Ordinal))?.FbFreeMib >= request.MinFreeMemoryMib;
}
