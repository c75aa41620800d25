using System.Globalization;
using Telemetry.Placement;

namespace Telemetry.Grains.Placement;

/// <summary>Jobs over several nodes of one data center, and of one GPU model unless the request allows mixing.</summary>
public sealed partial class PlacementIndex
{
    // Several nodes, of one model unless the request allows mixing: the best spread over each model's nodes.
    private PlacementCandidate[] FindSpread(PlacementQuery query, double weight, DateTimeOffset now)
    {
        var request = query.Request;
        var groups = request.Model is not null || request.AllowMixedModels ? [Models(request.Model)] : Models(null).Select(m => new[] { m });
        PlacementCandidate? best = null;
        foreach (var models in groups)
        {
            if (Spread(request, models, weight, now) is { } candidate && (best is null || candidate.Score > best.Score))
            {
                best = candidate;
            }
        }

        return best is null ? [] : [best];
    }

    // Whole free nodes first (coolest first), then the remainder where it fits best.
    private PlacementCandidate? Spread(PlacementRequest request, FreeBuckets[] models, double weight, DateTimeOffset now)
    {
        if (models.Length == 0)
        {
            return null;
        }

        var remaining = request.Gpus;
        var chosen = new List<(IndexedNode Node, int Take)>();
        for (var free = models.Max(m => m.Count) - 1; free >= 1 && remaining > 0; free--)
        {
            if (remaining < free)
            {
                continue;
            }

            var coolest = models.Where(m => free < m.Count).SelectMany(m => m[free]).Where(n => IsEligible(n, request, now));
            foreach (var node in (models.Length == 1 ? coolest : coolest.OrderByDescending(n => n.Summary.Headroom)).Take(remaining / free))
            {
                chosen.Add((node, free));
                remaining -= free;
            }
        }

        if (remaining > 0 && BestPartial(request, models, remaining, chosen.Select(c => c.Node).ToHashSet(), now) is { } last)
        {
            chosen.Add((last, remaining));
            remaining = 0;
        }

        if (remaining > 0)
        {
            return null;
        }

        var score = weight * (chosen.Average(c => PlacementScore.Packing(Mix, c.Node.Free.Length, c.Take, c.Node.Size, c.Node.Summary.Headroom, ScarcityFor(c.Node, request))) - (chosen.Count - 1));
        var modelNames = string.Join(" and ", chosen.Select(c => c.Node.Summary.Model).Distinct(StringComparer.OrdinalIgnoreCase));
        var why = string.Create(CultureInfo.InvariantCulture,
            $"{chosen.Count} nodes of {modelNames} in {dataCenter}, {chosen.Count(c => c.Take == c.Node.Size)} of them whole; mean headroom {chosen.Average(c => c.Node.Summary.Headroom):F2}; admission weight {weight:F2}");
        return new PlacementCandidate(dataCenter, PlacementScore.Round(score), why, [.. chosen.Select(c => new PlacementNode(c.Node.Id, c.Node.Free[..c.Take]))]);
    }

    // The node, not yet chosen, where the last part of a spread job fits best: the first eligible of each bucket.
    private IndexedNode? BestPartial(PlacementRequest request, FreeBuckets[] models, int take, HashSet<IndexedNode> chosen, DateTimeOffset now)
    {
        IndexedNode? best = null;
        var bestScore = double.NegativeInfinity;
        foreach (var buckets in models)
        {
            for (var free = take; free < buckets.Count; free++)
            {
                if (buckets[free].FirstOrDefault(n => !chosen.Contains(n) && IsEligible(n, request, now)) is { } node
                    && PlacementScore.Packing(Mix, free, take, node.Size, node.Summary.Headroom, ScarcityFor(node, request)) is var score && score > bestScore)
                {
                    (best, bestScore) = (node, score);
                }
            }
        }

        return best;
    }
}
