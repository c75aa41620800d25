using Telemetry.Placement;
using Telemetry.State;

namespace Telemetry.Grains.Nodes;

/// <summary>
/// The claims on a node's GPUs that telemetry alone cannot show: reservations (whole GPUs, or thousandths of one),
/// and the shares of fractional jobs already running. The node grain is their only arbiter, and its turns run one
/// at a time, so a GPU's claims never sum past a whole GPU. A hold ends when released, at expiry, or once its job
/// runs on the GPU; a fractional hold whose job runs becomes that job's share, which ends when telemetry stops
/// showing the job (a release does not end it: the GPU is the running job's).
/// </summary>
public sealed class NodeHolds
{
    private readonly Dictionary<string, List<GpuHold>> _holds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<GpuHold>> _running = new(StringComparer.Ordinal);

    public bool IsEmpty => _holds.Count == 0 && _running.Count == 0;

    /// <summary>
    /// Thousandths of <paramref name="gpu"/> not claimed, 0–1000, leaving out <paramref name="reservationId"/>'s own holds:
    /// 0 when telemetry shows a job on it that is not a known share (a whole-GPU job).
    /// </summary>
    public int FreeMilli(GpuBrief gpu, string? reservationId = null)
    {
        ArgumentNullException.ThrowIfNull(gpu);

        // Loops, not lambdas: read for every GPU of every node summary, where a captured variable cost an allocation.
        var running = _running.GetValueOrDefault(gpu.Uuid);
        foreach (var job in GpuShares.JobsOf(gpu.JobId))
        {
            if (running is null || !Runs(running, job))
            {
                return 0;
            }
        }

        var used = 0;
        foreach (var share in running ?? [])
        {
            used += share.Share;
        }

        foreach (var hold in _holds.GetValueOrDefault(gpu.Uuid) ?? [])
        {
            if (!string.Equals(hold.ReservationId, reservationId, StringComparison.Ordinal))
            {
                used += hold.Share;
            }
        }

        return Math.Max(0, GpuShares.Whole - used);
    }

    /// <summary>True when another reservation than <paramref name="reservationId"/> holds the GPU, or a share of it runs.</summary>
    public bool IsHeld(string uuid, string? reservationId = null) =>
        _running.ContainsKey(uuid)
        || (_holds.TryGetValue(uuid, out var holds) && holds.Exists(h => !string.Equals(h.ReservationId, reservationId, StringComparison.Ordinal)));

    /// <summary>True when the GPU carries a share of a GPU (held or running): it is shared, and takes no whole job.</summary>
    public bool IsShared(string uuid) =>
        _running.ContainsKey(uuid) || (_holds.TryGetValue(uuid, out var holds) && holds.Exists(h => h.Share < GpuShares.Whole));

    /// <summary>Until when the GPU is held: the latest expiry of its holds; null when none is held.</summary>
    public DateTimeOffset? ReservedUntil(string uuid, DateTimeOffset now) =>
        _holds.GetValueOrDefault(uuid)?.Where(h => h.ExpiresAt > now).Select(h => (DateTimeOffset?)h.ExpiresAt).Max();

    /// <summary>
    /// Holds <paramref name="hold"/>'s share of each of its GPUs, or nothing when any GPU has less than that free
    /// (<paramref name="freeMilli"/>, which leaves the hold's own reservation out: holding again replaces, never adds).
    /// </summary>
    public bool TryHold(GpuHold hold, Func<string, int> freeMilli, DateTimeOffset now)
    {
        Expire(now);
        if (hold.ExpiresAt <= now || hold.Gpus.Length == 0 || !hold.Gpus.All(uuid => freeMilli(uuid) >= hold.Share))
        {
            return false;
        }

        foreach (var uuid in hold.Gpus)
        {
            var holds = ListOf(_holds, uuid);
            holds.RemoveAll(h => string.Equals(h.ReservationId, hold.ReservationId, StringComparison.Ordinal));
            holds.Add(hold);
        }

        return true;
    }

    /// <summary>Moves a reservation's holds to <paramref name="expiresAt"/>; true when it still holds something here.</summary>
    public bool Extend(string reservationId, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        Expire(now);
        var extended = false;
        foreach (var holds in _holds.Values)
        {
            for (var i = 0; i < holds.Count; i++)
            {
                if (string.Equals(holds[i].ReservationId, reservationId, StringComparison.Ordinal))
                {
                    holds[i] = holds[i] with { ExpiresAt = expiresAt };
                    extended = true;
                }
            }
        }

        return extended;
    }

    /// <summary>Drops a reservation's holds (not the shares of its running jobs); true when it held something here.</summary>
    public bool Release(string reservationId) => RemoveWhere(_holds, h => string.Equals(h.ReservationId, reservationId, StringComparison.Ordinal));

    /// <summary>Drops expired holds; true when any was dropped.</summary>
    public bool Expire(DateTimeOffset now) => _holds.Count > 0 && RemoveWhere(_holds, h => h.ExpiresAt <= now);

    /// <summary>
    /// Ends the hold on each GPU that now runs the hold's job (a fractional hold becomes the job's share there),
    /// and the shares whose job the GPU no longer runs; true when anything changed.
    /// </summary>
    public bool JobsStarted(IEnumerable<GpuBrief> gpus)
    {
        if (IsEmpty)
        {
            return false;
        }

        var changed = false;
        foreach (var gpu in gpus)
        {
            var jobs = GpuShares.JobsOf(gpu.JobId);
            if (_running.TryGetValue(gpu.Uuid, out var running))
            {
                changed |= running.RemoveAll(s => !jobs.Contains(s.JobId, StringComparer.Ordinal)) > 0;
                DropIfEmpty(_running, gpu.Uuid, running);
            }

            if (jobs.Length == 0 || !_holds.TryGetValue(gpu.Uuid, out var holds))
            {
                continue;
            }

            foreach (var started in holds.Where(h => h.JobId is not null && jobs.Contains(h.JobId, StringComparer.Ordinal)).ToArray())
            {
                holds.Remove(started);
                if (started.Share < GpuShares.Whole)
                {
                    ListOf(_running, gpu.Uuid).Add(started with { Gpus = [gpu.Uuid] });
                }

                changed = true;
            }

            DropIfEmpty(_holds, gpu.Uuid, holds);
        }

        return changed;
    }

    /// <summary>The claims on each GPU that holds or running shares know of.</summary>
    public IEnumerable<GpuClaim> Claims() =>
        _holds.SelectMany(g => g.Value.Select(h => Claim(g.Key, h, h.ExpiresAt)))
            .Concat(_running.SelectMany(g => g.Value.Select(s => Claim(g.Key, s, null))));

    /// <summary>The holds, one per reservation with its GPUs, to write to durable storage.</summary>
    public List<GpuHold> Export() =>
        [.. _holds.SelectMany(g => g.Value.Select(h => (Uuid: g.Key, Hold: h)))
            .GroupBy(x => x.Hold.ReservationId, StringComparer.Ordinal)
            .Select(g => g.First().Hold with { Gpus = [.. g.Select(x => x.Uuid)] })];

    /// <summary>The shares of running jobs, one per GPU, to write to durable storage.</summary>
    public List<GpuHold> ExportRunning() => [.. _running.Values.SelectMany(s => s)];

    public void Import(IEnumerable<GpuHold> holds, IEnumerable<GpuHold>? running = null)
    {
        foreach (var hold in holds)
        {
            foreach (var uuid in hold.Gpus)
            {
                ListOf(_holds, uuid).Add(hold);
            }
        }

        foreach (var share in running ?? [])
        {
            foreach (var uuid in share.Gpus)
            {
                ListOf(_running, uuid).Add(share);
            }
        }
    }

    private static GpuClaim Claim(string uuid, GpuHold hold, DateTimeOffset? expiresAt) => new()
    {
        Uuid = uuid,
        Milli = hold.Share,
        ReservationId = hold.ReservationId,
        JobId = hold.JobId,
        ExpiresAt = expiresAt,
    };

    private static bool Runs(List<GpuHold> running, string job)
    {
        foreach (var share in running)
        {
            if (string.Equals(share.JobId, job, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static List<GpuHold> ListOf(Dictionary<string, List<GpuHold>> byGpu, string uuid)
    {
        if (!byGpu.TryGetValue(uuid, out var list))
        {
            byGpu[uuid] = list = [];
        }

        return list;
    }

    private static void DropIfEmpty(Dictionary<string, List<GpuHold>> byGpu, string uuid, List<GpuHold> list)
    {
        if (list.Count == 0)
        {
            byGpu.Remove(uuid);
        }
    }

    private static bool RemoveWhere(Dictionary<string, List<GpuHold>> byGpu, Predicate<GpuHold> predicate)
    {
        var removed = false;
        foreach (var (uuid, list) in byGpu.ToArray())
        {
            removed |= list.RemoveAll(predicate) > 0;
            DropIfEmpty(byGpu, uuid, list);
        }

        return removed;
    }
}
