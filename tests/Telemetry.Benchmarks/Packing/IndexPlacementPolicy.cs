using Telemetry.Grains.Placement;
using Telemetry.Health;
using Telemetry.Placement;
using Telemetry.Replay.Engines;
using Telemetry.Replay.Fleet;
using Telemetry.Replay.Policies;
using Telemetry.State;
using TaskPlacement = Telemetry.Replay.Fleet.Placement;

namespace Telemetry.Benchmarks.Packing;

/// <summary>
/// The silo's placement without a silo: one <see cref="PlacementIndex"/> per data center, fed the summary a node
/// grain would send after each start, each learning the job mix from the requests as its data-center grain does;
/// ranked by <see cref="PlacementRules.Rank"/>. Headroom, which telemetry gives a live silo, is stood in for by
/// how full the node is (a busier node runs hotter).
/// </summary>
internal sealed class IndexPlacementPolicy : IPlacementPolicy
{
    private readonly Dictionary<string, PlacementIndex> _indexes = new(StringComparer.Ordinal);
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;
    private ReplayNode? _changed;

    public IndexPlacementPolicy(ReplayFleet fleet)
    {
        foreach (var dataCenter in fleet.DataCenters)
        {
            _indexes[dataCenter] = new PlacementIndex(dataCenter);
        }

        foreach (var node in fleet.Nodes)
        {
            Report(node);
        }
    }

    public string Name => PolicyNames.Silo;

    public ValueTask<TaskPlacement?> PlaceAsync(ReplayTask task, ReplayFleet fleet, string? onlyDataCenter, CancellationToken cancellationToken)
    {
        // The engine starts the last placement after this policy answered it: its node reports now, before the next.
        if (_changed is not null)
        {
            Report(_changed);
            _changed = null;
        }

        // A task that may use several models asks for each in turn, as the silo policy does; the first that fits wins.
        IReadOnlyList<string?> asked = task.Trace.Models.Count == 0 ? [null] : [.. task.Trace.Models.Where(fleet.Models.Contains)];
        PlacementCandidate? best = null;
        foreach (var model in asked)
        {
            if (Rank(task, model, fleet, onlyDataCenter) is { } found)
            {
                best = found;
                break;
            }
        }

        if (best is null)
        {
            return ValueTask.FromResult<TaskPlacement?>(null);
        }

        var chosen = best.Nodes[0];
        var node = fleet.Node(chosen.Node) ?? throw new InvalidOperationException($"the index offered {chosen.Node}, which the fleet does not have");
        var milli = chosen.GpuMilli ?? GpuShares.Whole;
        _changed = node;
        return ValueTask.FromResult<TaskPlacement?>(new TaskPlacement(node, [.. chosen.Gpus.Select(uuid => new GpuShare(fleet.Gpu(uuid)!.Index, milli))]));
    }

    private PlacementCandidate? Rank(ReplayTask task, string? model, ReplayFleet fleet, string? onlyDataCenter)
    {
        var request = new PlacementRequest
        {
            Gpus = task.Trace.Gpus,
            GpuMilli = task.Trace.IsFractional ? task.Trace.GpuMilli : null,
            Model = model,
            SingleNode = true,
            Candidates = 1,
        };
        var query = new PlacementQuery(request, SingleNode: true, Candidates: 1, BoundTo: onlyDataCenter is null ? 0 : 1);
        var matches = new List<(string, DataCenterMatch)>();
        foreach (var (dataCenter, index) in _indexes)
        {
            if (onlyDataCenter is null || dataCenter == onlyDataCenter)
            {
                index.Mix.Observe(query);
                matches.Add((dataCenter, index.Find(query, fleet.AdmissionWeight(dataCenter), _now)));
            }
        }

        var ranked = onlyDataCenter is null ? DataCenterScarcity.Apply(matches) : [.. matches];
        return PlacementRules.Rank(request, singleNode: true, ranked).Candidates is [var best, ..] ? best : null;
    }

    public ValueTask ReleaseAsync(ReplayTask task, TaskPlacement placement, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    private void Report(ReplayNode node)
    {
        var used = node.Gpus.Sum(g => g.UsedMilli) / (double)(GpuShares.Whole * node.Gpus.Count);
        _indexes[node.DataCenter].Update(new NodeSummary
        {
            NodeId = node.Id,
            Health = HealthState.Healthy,
            GpusByHealth = new HealthCounts(node.Gpus.Count, 0, 0, 0),
            FreeGpus = node.WholeFreeGpus,
            FreeGpuUuids = [.. node.Gpus.Where(g => g.IsWholeFree).Select(g => g.Uuid)],
            SharedGpus = [.. node.Gpus.Where(g => g.IsShared).Select(g => new SharedGpu(g.Uuid, g.UsedMilli, Open: true))],
            Model = node.Model,
            Headroom = Math.Round(1 - (0.5 * used), 1),
            LastReportAt = _now,
        }, _now);
    }
}
