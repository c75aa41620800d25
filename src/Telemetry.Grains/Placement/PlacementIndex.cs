using System.Globalization;
using Telemetry.Placement;
using Telemetry.State;

namespace Telemetry.Grains.Placement;

/// <summary>
/// One data center's placement index: its nodes bucketed by free GPU count, so a query for k GPUs looks
/// only at nodes with at least k free, best-fitting buckets first, and stops once no later bucket can win.
/// Fed by the node summaries; a query never asks a node.
/// </summary>
public sealed class PlacementIndex(string dataCenter)
{
    private readonly Dictionary<string, IndexedNode> _nodes = new(StringComparer.Ordinal);
    private readonly List<HashSet<IndexedNode>> _byFree = [];
    private readonly HashSet<string> _models = new(StringComparer.OrdinalIgnoreCase);
    private int _largestNode;

    public int NodeCount => _nodes.Count;

    /// <summary>Takes a node's new summary, moving it to the bucket of its free GPU count.</summary>
    public void Update(NodeSummary summary, DateTimeOffset receivedAt)
    {
        if (_nodes.TryGetValue(summary.NodeId, out var node))
        {
            Bucket(node.Free.Length).Remove(node);
            node.Summary = summary;
            node.ReceivedAt = receivedAt;
            node.Free = summary.FreeGpuUuids;
        }
        else
        {
            node = new IndexedNode(summary, receivedAt);
            _nodes[summary.NodeId] = node;
        }

        Bucket(node.Free.Length).Add(node);
        _largestNode = Math.Max(_largestNode, summary.Gpus);
        if (summary.Model is { } model)
        {
            _models.Add(model);
        }
    }

    /// <summary>The best candidates for <paramref name="query"/> at admission weight <paramref name="weight"/>.</summary>
    public DataCenterMatch Find(PlacementQuery query, double weight, DateTimeOffset now)
    {
        var candidates = weight <= 0
            ? []
            : query.SingleNode ? FindSingle(query, weight, now) : FindSpread(query, weight, now);
        var match = new DataCenterMatch { Candidates = candidates, Models = [.. _models], LargestNode = _largestNode };
        return candidates.Length > 0 ? match : WithShortage(match, query.Request, now);
    }

    private PlacementCandidate[] FindSingle(PlacementQuery query, double weight, DateTimeOffset now)
    {
        var take = query.Request.Gpus;
        var best = new CandidateList(query.Candidates);
        for (var free = take; free < _byFree.Count; free++)
        {
            if (_byFree[free].Count == 0 || (best.IsFull && weight * PlacementScore.UpperBound(free, take) <= best.Worst))
            {
                continue;
            }

            foreach (var node in _byFree[free])
            {
                if (IsEligible(node, query.Request, now))
                {
                    best.Offer(weight * PlacementScore.Packing(free, take, node.Size, node.Summary.Headroom), node);
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
        for (var free = _byFree.Count - 1; free >= 1 && remaining > 0; free--)
        {
            if (remaining < free)
            {
                continue;
            }

            foreach (var node in _byFree[free].Where(n => IsEligible(n, request, now)).OrderByDescending(n => n.Summary.Headroom).Take(remaining / free))
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

    // The node, not yet chosen, where the last part of a spread job fits best.
    private IndexedNode? BestPartial(PlacementRequest request, int take, HashSet<IndexedNode> chosen, DateTimeOffset now)
    {
        IndexedNode? best = null;
        var bestScore = double.NegativeInfinity;
        for (var free = take; free < _byFree.Count; free++)
        {
            foreach (var node in _byFree[free])
            {
                var score = PlacementScore.Packing(free, take, node.Size, node.Summary.Headroom);
                if (score > bestScore && !chosen.Contains(node) && IsEligible(node, request, now))
                {
                    (best, bestScore) = (node, score);
                }
            }
        }

        return best;
    }

    private DataCenterMatch WithShortage(DataCenterMatch match, PlacementRequest request, DateTimeOffset now)
    {
        int total = 0, most = 0;
        foreach (var node in _nodes.Values)
        {
            if (IsEligible(node, request, now))
            {
                total += node.Free.Length;
                most = Math.Max(most, node.Free.Length);
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

    private HashSet<IndexedNode> Bucket(int free)
    {
        while (_byFree.Count <= free)
        {
            _byFree.Add([]);
        }

        return _byFree[free];
    }
}
