using System.Globalization;
using Telemetry.Placement;
using Telemetry.State;

namespace Telemetry.Grains.Placement;

/// <summary>
/// One data center's placement index: its nodes bucketed by model and free GPU count, each bucket coolest
/// first, so a query for k GPUs looks only at nodes of its model with at least k free, best-fitting buckets
/// first, reads each bucket only until its next node cannot make the list, and skips buckets that cannot win.
/// Fed by the node summaries; a query never asks a node.
/// </summary>
public sealed class PlacementIndex(string dataCenter)
{
    private readonly Dictionary<string, IndexedNode> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FreeBuckets> _byModel = new(StringComparer.OrdinalIgnoreCase);
    private int _largestNode;

    public int NodeCount => _nodes.Count;

    /// <summary>Takes a node's new summary, moving it to the bucket of its model, free GPU count and headroom.</summary>
    public void Update(NodeSummary summary, DateTimeOffset receivedAt)
    {
        if (_nodes.TryGetValue(summary.NodeId, out var node))
        {
            // Out of its bucket before the summary changes: the bucket's order reads the summary.
            Buckets(node.Summary.Model)[node.Free.Length].Remove(node);
            node.Summary = summary;
            node.ReceivedAt = receivedAt;
            node.Free = summary.FreeGpuUuids;
        }
        else
        {
            node = new IndexedNode(summary, receivedAt);
            _nodes[summary.NodeId] = node;
        }

        Buckets(summary.Model)[node.Free.Length].Add(node);
        _largestNode = Math.Max(_largestNode, summary.Gpus);
    }

    /// <summary>The best candidates for <paramref name="query"/> at admission weight <paramref name="weight"/>.</summary>
    public DataCenterMatch Find(PlacementQuery query, double weight, DateTimeOffset now)
    {
        var candidates = weight <= 0
            ? []
            : query.SingleNode ? FindSingle(query, weight, now) : FindSpread(query, weight, now);
        var match = new DataCenterMatch { Candidates = candidates, Models = [.. _byModel.Keys.Where(m => m.Length > 0)], LargestNode = _largestNode };
        return candidates.Length > 0 ? match : WithShortage(match, query.Request, now);
    }

    // Buckets from the best fit up; in each, nodes coolest first, so the first eligible ones are the bucket's best.
    private PlacementCandidate[] FindSingle(PlacementQuery query, double weight, DateTimeOffset now)
    {
        var take = query.Request.Gpus;
        var best = new CandidateList(query.Candidates);
        foreach (var buckets in Models(query.Request.Model))
        {
            for (var free = take; free < buckets.Count; free++)
            {
                if (buckets[free].Count == 0 || (best.IsFull && weight * PlacementScore.UpperBound(free, take) <= best.Worst))
                {
                    continue;
                }

                foreach (var node in buckets[free])
                {
                    if (!IsEligible(node, query.Request, now))
                    {
                        continue;
                    }

                    var score = weight * PlacementScore.Packing(free, take, node.Size, node.Summary.Headroom);
                    if (best.IsFull && score <= best.Worst)
                    {
                        break;
                    }

                    best.Offer(score, node);
                }
            }
        }

        return [.. best.Best.Select(b => SingleCandidate(b.Node, take, b.Score, weight))];
    }

    private PlacementCandidate SingleCandidate(IndexedNode node, int take, double score, double weight)
    {
        var left = node.Free.Length - take;
        var packing = left == 0 ? "fills the node" : left == 1 ? "leaves one GPU stranded" : $"leaves {left} of {node.Size} GPUs free";
        var why = string.Create(CultureInfo.InvariantCulture,
            $"{node.Id}: {packing} (fragmentation gain {Fragmentation.Gain(node.Free.Length, take):F2} GPUs); headroom {node.Summary.Headroom:F2}; admission weight {weight:F2}");
        return new PlacementCandidate(dataCenter, PlacementScore.Round(score), why, [new PlacementNode(node.Id, node.Free[..take])]);
    }

    // Several nodes: whole free nodes first (coolest first), then the remainder where it fits best.
    private PlacementCandidate[] FindSpread(PlacementQuery query, double weight, DateTimeOffset now)
    {
        var request = query.Request;
        var remaining = request.Gpus;
        var chosen = new List<(IndexedNode Node, int Take)>();
        var models = Models(request.Model);
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

        if (remaining > 0 && BestPartial(request, remaining, chosen.Select(c => c.Node).ToHashSet(), now) is { } last)
        {
            chosen.Add((last, remaining));
            remaining = 0;
        }

        if (remaining > 0)
        {
            return [];
        }

        var score = weight * (chosen.Average(c => PlacementScore.Packing(c.Node.Free.Length, c.Take, c.Node.Size, c.Node.Summary.Headroom)) - (chosen.Count - 1));
        var why = string.Create(CultureInfo.InvariantCulture,
            $"{chosen.Count} nodes in {dataCenter}, {chosen.Count(c => c.Take == c.Node.Size)} of them whole; mean headroom {chosen.Average(c => c.Node.Summary.Headroom):F2}; admission weight {weight:F2}");
        return [new PlacementCandidate(dataCenter, PlacementScore.Round(score), why, [.. chosen.Select(c => new PlacementNode(c.Node.Id, c.Node.Free[..c.Take]))])];
    }

    // The node, not yet chosen, where the last part of a spread job fits best: the first eligible of each bucket.
    private IndexedNode? BestPartial(PlacementRequest request, int take, HashSet<IndexedNode> chosen, DateTimeOffset now)
    {
        IndexedNode? best = null;
        var bestScore = double.NegativeInfinity;
        foreach (var buckets in Models(request.Model))
        {
            for (var free = take; free < buckets.Count; free++)
            {
                if (buckets[free].FirstOrDefault(n => !chosen.Contains(n) && IsEligible(n, request, now)) is { } node
                    && PlacementScore.Packing(free, take, node.Size, node.Summary.Headroom) is var score && score > bestScore)
                {
                    (best, bestScore) = (node, score);
                }
            }
        }

        return best;
    }

    // Only when nothing fits: counts what the request's model has free here (none without a scan when the model is absent).
    private DataCenterMatch WithShortage(DataCenterMatch match, PlacementRequest request, DateTimeOffset now)
    {
        int total = 0, most = 0;
        foreach (var buckets in Models(request.Model))
        {
            for (var free = 1; free < buckets.Count; free++)
            {
                foreach (var node in buckets[free])
                {
                    if (IsEligible(node, request, now))
                    {
                        total += free;
                        most = Math.Max(most, free);
                    }
                }
            }
        }

        return match with { EligibleFreeGpus = total, MostFreeOnOneNode = most };
    }

    private static bool IsEligible(IndexedNode node, PlacementRequest request, DateTimeOffset now) =>
        node.Free.Length > 0
        && !node.Summary.Drained
        && now - node.ReceivedAt <= DataCenterAggregate.StaleAfter
        && (request.Model is null || string.Equals(request.Model, node.Summary.Model, StringComparison.OrdinalIgnoreCase))
        && (request.MinFreeMemoryMib <= 0 || node.Summary.FreeMemoryMib >= request.MinFreeMemoryMib);

    private FreeBuckets Buckets(string? model)
    {
        var key = model ?? "";
        if (!_byModel.TryGetValue(key, out var buckets))
        {
            _byModel[key] = buckets = new FreeBuckets();
        }

        return buckets;
    }

    private FreeBuckets[] Models(string? model) =>
        model is null ? [.. _byModel.Values] : _byModel.TryGetValue(model, out var buckets) ? [buckets] : [];
}
