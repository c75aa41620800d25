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
public sealed partial class PlacementIndex(string dataCenter, WorkloadMix? mix = null)
{
    private readonly Dictionary<string, IndexedNode> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FreeBuckets> _byModel = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, SharedSlots> _sharedByModel = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _gpusByModel = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, double> _memoryByModel = new(StringComparer.OrdinalIgnoreCase);
    private int _largestNode;

    public int NodeCount => _nodes.Count;

    /// <summary>The recent job mix the fragmentation of a place is weighed by (the prior unless given); the data center feeds it its requests.</summary>
    public WorkloadMix Mix { get; } = mix ?? new WorkloadMix();

    /// <summary>Takes a node's new summary, moving it to the bucket of its model, free GPU count and headroom.</summary>
    public void Update(NodeSummary summary, DateTimeOffset receivedAt)
    {
        if (_nodes.TryGetValue(summary.NodeId, out var node))
        {
            // Out of its bucket before the summary changes: the bucket's order reads the summary.
            Buckets(node.Summary.Model)[node.Free.Length].Remove(node);
            Shared(node.Summary.Model).Remove(node.Slots);
            CountFree(node, -1);
            _gpusByModel[node.Summary.Model ?? ""] -= node.Size;
            node.Summary = summary;
            node.ReceivedAt = receivedAt;
            node.Free = summary.FreeGpuUuids;
        }
        else
        {
            node = new IndexedNode(summary, receivedAt);
            _nodes[summary.NodeId] = node;
        }

        node.Slots = [.. summary.SharedGpus.Where(g => g.Open && g.UsedMilli < GpuShares.Whole)
            .Select(g => new SharedSlot(GpuShares.Whole - g.UsedMilli, node.Id, g.Uuid, node))];
        Buckets(summary.Model)[node.Free.Length].Add(node);
        Shared(summary.Model).Add(node.Slots);
        CountFree(node, 1);
        var model = summary.Model ?? "";
        _gpusByModel[model] = _gpusByModel.GetValueOrDefault(model) + summary.Gpus;
        if (summary.GpuBriefs.Max(g => g.FbTotalMib) is { } memory && memory > _memoryByModel.GetValueOrDefault(model))
        {
            _memoryByModel[model] = memory;
        }

        _largestNode = Math.Max(_largestNode, summary.Gpus);
    }

    /// <summary>The best candidates for <paramref name="query"/> at admission weight <paramref name="weight"/>.</summary>
    public DataCenterMatch Find(PlacementQuery query, double weight, DateTimeOffset now)
    {
        var candidates = weight <= 0 ? []
            : query.Request.GpuMilli is { } milli ? FindShare(query, milli, weight, now)
            : query.SingleNode ? FindSingle(query, weight, now) : FindSpread(query, weight, now);
        var match = new DataCenterMatch
        {
            Candidates = candidates,
            Models = [.. _byModel.Keys.Where(m => m.Length > 0)],
            LargestNode = _largestNode,
            Capacity = Capacity(query.Request),
            LargestMemoryMib = LargestMemory(query.Request.Model),
            FreeGpus = _allFree,
            BoundShare = Mix.BoundShare,
        };
        return candidates.Length > 0 ? match : WithShortage(match, query.Request, now);
    }

    private PlacementCandidate[] FindSingle(PlacementQuery query, double weight, DateTimeOffset now)
    {
        var take = query.Request.Gpus;
        var best = new CandidateList<Place>(query.Candidates);
        OfferWhole(query.Request, take, null, weight, now, best);
        return [.. best.Best.Select(b => SingleCandidate(b.Item.Node, take, b.Score, weight, ScarcityFor(b.Item.Node, query.Request)))];
    }

    // Buckets of whole free GPUs from the fewest up, each skipped when its best possible score cannot make the list;
    // in each, nodes coolest first, so the first eligible ones are the bucket's best. With milli, one GPU is broken for a share.
    private void OfferWhole(PlacementRequest request, int take, int? milli, double weight, DateTimeOffset now, CandidateList<Place> best)
    {
        foreach (var buckets in Models(request.Model))
        {
            for (var free = take; free < buckets.Count; free++)
            {
                var bound = milli is { } share ? PlacementScore.ShareUpperBound(Mix, GpuShares.Whole, share, free) : PlacementScore.UpperBound(Mix, free, take);
                if (buckets[free].Count == 0 || (best.IsFull && weight * bound <= best.Worst))
                {
                    continue;
                }

                foreach (var node in buckets[free])
                {
                    if (!IsEligible(node, request, now))
                    {
                        continue;
                    }

                    // Nodes of one bucket share a model, so its scarcity does not change their order.
                    var scarcity = ScarcityFor(node, request);
                    var score = weight * (milli is { } s
                        ? PlacementScore.Share(Mix, GpuShares.Whole, s, free, node.Size, node.Summary.Headroom, scarcity)
                        : PlacementScore.Packing(Mix, free, take, node.Size, node.Summary.Headroom, scarcity));
                    if (best.IsFull && score <= best.Worst)
                    {
                        break;
                    }

                    best.Offer(score, new Place(node, null));
                }
            }
        }
    }

    private PlacementCandidate SingleCandidate(IndexedNode node, int take, double score, double weight, double scarcity)
    {
        var left = node.Free.Length - take;
        var packing = left == 0 ? "fills the node" : left == 1 ? "leaves one GPU free" : $"leaves {left} of {node.Size} GPUs free";
        var why = string.Create(CultureInfo.InvariantCulture,
            $"{node.Id}: {packing}; fragmentation {Signed(Fragmentation.OfWhole(Mix, node.Free.Length, take))} GPUs for the recent job mix{ScarcityWhy(node, scarcity)}; headroom {node.Summary.Headroom:F2}; admission weight {weight:F2}");
        return new PlacementCandidate(dataCenter, PlacementScore.Round(score), why, [new PlacementNode(node.Id, node.Free[..take])]);
    }

    // A change in fragmentation as a person reads it: "+0.043", "-0.011", "0".
    private static string Signed(double gpus) =>
        Math.Round(gpus, 3) is var rounded && rounded == 0 ? "±0" : rounded.ToString("+0.###;-0.###", CultureInfo.InvariantCulture);

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
        && IsOpen(node, request, now)
        && (request.MinFreeMemoryMib <= 0 || node.Summary.FreeMemoryMib >= request.MinFreeMemoryMib);

    // Takes work at all: undrained, reporting, of the model asked for.
    private static bool IsOpen(IndexedNode node, PlacementRequest request, DateTimeOffset now) =>
        !node.Summary.Drained
        && now - node.ReceivedAt <= DataCenterAggregate.StaleAfter
        && (request.Model is null || string.Equals(request.Model, node.Summary.Model, StringComparison.OrdinalIgnoreCase));

    // The most GPUs one job could ever get here: of its model, or of the largest model unless it may mix them.
    private int Capacity(PlacementRequest request) =>
        request.Model is { } model ? _gpusByModel.GetValueOrDefault(model)
        : request.AllowMixedModels ? _gpusByModel.Values.Sum()
        : _gpusByModel.Values.DefaultIfEmpty().Max();

    private double? LargestMemory(string? model) =>
        model is null ? (_memoryByModel.Count == 0 ? null : _memoryByModel.Values.Max())
        : _memoryByModel.TryGetValue(model, out var memory) ? memory : null;

    private FreeBuckets Buckets(string? model)
    {
        var key = model ?? "";
        if (!_byModel.TryGetValue(key, out var buckets))
        {
            _byModel[key] = buckets = new FreeBuckets();
        }

        return buckets;
    }

    private SharedSlots Shared(string? model)
    {
        var key = model ?? "";
        if (!_sharedByModel.TryGetValue(key, out var slots))
        {
            _sharedByModel[key] = slots = new SharedSlots();
        }

        return slots;
    }

    private SharedSlots[] SharedOf(string? model) =>
        model is null ? [.. _sharedByModel.Values] : _sharedByModel.TryGetValue(model, out var slots) ? [slots] : [];

    private FreeBuckets[] Models(string? model) =>
        model is null ? [.. _byModel.Values] : _byModel.TryGetValue(model, out var buckets) ? [buckets] : [];
}
