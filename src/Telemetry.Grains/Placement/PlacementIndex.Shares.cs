using System.Globalization;
using Telemetry.Placement;

namespace Telemetry.Grains.Placement;

/// <summary>Fractions of one GPU: on the shared GPU or the broken whole GPU that adds the least fragmentation for the recent job mix.</summary>
public sealed partial class PlacementIndex
{
    private PlacementCandidate[] FindShare(PlacementQuery query, int milli, double weight, DateTimeOffset now)
    {
        var request = query.Request;
        var best = new CandidateList<Place>(query.Candidates);
        foreach (var slots in SharedOf(request.Model))
        {
            foreach (var (lowest, highest, bucket) in slots.Buckets(milli))
            {
                // A GPU's score depends on its free share, so a bucket that cannot beat the list even at its best is skipped whole.
                if (best.IsFull && weight * BucketBound(Math.Max(lowest, milli), highest, milli) <= best.Worst)
                {
                    continue;
                }

                foreach (var slot in bucket)
                {
                    var node = slot.Node;
                    if (slot.FreeMilli >= milli && IsOpen(node, request, now) && HasMemory(node, slot.Uuid, request))
                    {
                        best.Offer(weight * PlacementScore.Share(Mix, slot.FreeMilli, milli, node.Free.Length, node.Size, node.Summary.Headroom, ScarcityFor(node, request)), new Place(node, slot));
                    }
                }
            }
        }

        // Breaking a whole GPU is judged on the same scale: it wins where every shared GPU would leave a remainder the mix cannot use.
        OfferWhole(request, 1, milli, weight, now, best);
        return [.. best.Best.Select(b => ShareCandidate(b.Item, milli, b.Score, weight, ScarcityFor(b.Item.Node, request)))];
    }

    private double BucketBound(int lowest, int highest, int milli)
    {
        var bound = double.NegativeInfinity;
        for (var free = lowest; free <= highest; free++)
        {
            bound = Math.Max(bound, PlacementScore.ShareUpperBound(Mix, free, milli, 0));
        }

        return bound;
    }

    private PlacementCandidate ShareCandidate(Place place, int milli, double score, double weight, double scarcity)
    {
        var node = place.Node;
        var (gpu, free, packing) = place.Slot is { } slot
            ? (slot.Uuid, slot.FreeMilli, string.Create(CultureInfo.InvariantCulture, $"shares {slot.Uuid}, already divided ({slot.FreeMilli}/1000 free, {slot.FreeMilli - milli} left)"))
            : (node.Free[0], GpuShares.Whole, string.Create(CultureInfo.InvariantCulture, $"breaks a whole GPU ({node.Free.Length} whole free, {GpuShares.Whole - milli}/1000 left on it)"));
        var fragmentation = Fragmentation.OfShare(Mix, free, milli, node.Free.Length);
        var why = string.Create(CultureInfo.InvariantCulture,
            $"{node.Id}: {packing}; fragmentation {Signed(fragmentation)} GPUs for the recent job mix{ScarcityWhy(node, scarcity)}; headroom {node.Summary.Headroom:F2}; admission weight {weight:F2}");
        return new PlacementCandidate(dataCenter, PlacementScore.Round(score), why, [new PlacementNode(node.Id, [gpu]) { GpuMilli = milli }]);
    }

    // A shared GPU's own free frame buffer, since the node's figure counts only its whole free GPUs.
    private static bool HasMemory(IndexedNode node, string uuid, PlacementRequest request) =>
        request.MinFreeMemoryMib <= 0
        || node.Summary.GpuBriefs.FirstOrDefault(g => string.Equals(g.Uuid, uuid, StringComparison.Ordinal))?.FbFreeMib >= request.MinFreeMemoryMib;
}
