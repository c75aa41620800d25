using Telemetry.Placement;
using Telemetry.State;

namespace Telemetry.Grains.Nodes;

/// <summary>
/// When each job the node's telemetry shows was first seen running there. A job that leaves and comes back starts
/// again, as a moved or restarted job does: its work since then is what a fault on this node would cost it.
/// </summary>
public sealed class JobStarts
{
    private readonly Dictionary<string, DateTimeOffset> _since = new(StringComparer.Ordinal);

    /// <summary>Takes the jobs the GPUs show now: new ones start at <paramref name="now"/>, gone ones are forgotten.</summary>
    public void Observe(IEnumerable<GpuBrief> gpus, DateTimeOffset now)
    {
        // Called with every report: a node with no job, before and now, allocates nothing.
        HashSet<string>? running = null;
        foreach (var gpu in gpus)
        {
            if (string.IsNullOrWhiteSpace(gpu.JobId))
            {
                continue;
            }

            foreach (var job in GpuShares.JobsOf(gpu.JobId))
            {
                (running ??= new HashSet<string>(StringComparer.Ordinal)).Add(job);
                _since.TryAdd(job, now);
            }
        }

        if (_since.Count > (running?.Count ?? 0))
        {
            foreach (var gone in _since.Keys.Where(j => running?.Contains(j) != true).ToArray())
            {
                _since.Remove(gone);
            }
        }
    }

    /// <summary>When <paramref name="jobId"/> was first seen running here; null when it is not running.</summary>
    public DateTimeOffset? Since(string jobId) => _since.TryGetValue(jobId, out var since) ? since : null;

    /// <summary>What the node grain writes, to carry on after it moves.</summary>
    public Dictionary<string, DateTimeOffset>? Export() => _since.Count == 0 ? null : new Dictionary<string, DateTimeOffset>(_since, StringComparer.Ordinal);

    /// <summary>Carries on from <see cref="Export"/>.</summary>
    public void Import(IReadOnlyDictionary<string, DateTimeOffset>? since)
    {
        _since.Clear();
        foreach (var (job, at) in since ?? new Dictionary<string, DateTimeOffset>())
        {
            _since[job] = at;
        }
    }
}
