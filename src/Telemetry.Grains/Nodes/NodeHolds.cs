using Telemetry.Placement;
using Telemetry.State;

namespace Telemetry.Grains.Nodes;

/// <summary>
/// The reservations holding a node's GPUs. The node grain is their only arbiter, and its turns run one at a
/// time, so a GPU is never in two holds. A hold ends when released, at expiry, or once its job runs on the GPU.
/// </summary>
public sealed class NodeHolds
{
    private readonly Dictionary<string, GpuHold> _byGpu = new(StringComparer.Ordinal);

    public bool IsEmpty => _byGpu.Count == 0;

    /// <summary>True when another reservation than <paramref name="reservationId"/> holds the GPU.</summary>
    public bool IsHeld(string uuid, string? reservationId = null) =>
        _byGpu.TryGetValue(uuid, out var hold) && !string.Equals(hold.ReservationId, reservationId, StringComparison.Ordinal);

    public DateTimeOffset? ReservedUntil(string uuid, DateTimeOffset now) =>
        _byGpu.TryGetValue(uuid, out var hold) && hold.ExpiresAt > now ? hold.ExpiresAt : null;

    /// <summary>Holds every GPU of <paramref name="hold"/>, or none when any is not <paramref name="isFree"/>.</summary>
    public bool TryHold(GpuHold hold, Func<string, bool> isFree, DateTimeOffset now)
    {
        Expire(now);
        if (hold.ExpiresAt <= now || hold.Gpus.Length == 0 || !hold.Gpus.All(isFree))
        {
            return false;
        }

        foreach (var uuid in hold.Gpus)
        {
            _byGpu[uuid] = hold;
        }

        return true;
    }

    /// <summary>Drops a reservation's holds; true when it held something here.</summary>
    public bool Release(string reservationId) => RemoveWhere(h => string.Equals(h.Value.ReservationId, reservationId, StringComparison.Ordinal));

    /// <summary>Drops expired holds; true when any was dropped.</summary>
    public bool Expire(DateTimeOffset now) => !IsEmpty && RemoveWhere(h => h.Value.ExpiresAt <= now);

    /// <summary>Drops the hold on each GPU that now runs the hold's job; true when any was dropped.</summary>
    public bool JobsStarted(IEnumerable<GpuBrief> gpus)
    {
        if (IsEmpty)
        {
            return false;
        }

        var started = gpus.Where(g => g.JobId is not null && _byGpu.TryGetValue(g.Uuid, out var h) && string.Equals(h.JobId, g.JobId, StringComparison.Ordinal)).ToArray();
        foreach (var gpu in started)
        {
            _byGpu.Remove(gpu.Uuid);
        }

        return started.Length > 0;
    }

    /// <summary>The holds, each GPU once, to write to durable storage.</summary>
    public List<GpuHold> Export() =>
        [.. _byGpu.GroupBy(h => h.Value.ReservationId, StringComparer.Ordinal).Select(g => g.First().Value with { Gpus = [.. g.Select(x => x.Key)] })];

    public void Import(IEnumerable<GpuHold> holds)
    {
        foreach (var hold in holds)
        {
            foreach (var uuid in hold.Gpus)
            {
                _byGpu[uuid] = hold;
            }
        }
    }

    private bool RemoveWhere(Func<KeyValuePair<string, GpuHold>, bool> predicate)
    {
        var gone = _byGpu.Where(predicate).Select(h => h.Key).ToArray();
        foreach (var uuid in gone)
        {
            _byGpu.Remove(uuid);
        }

        return gone.Length > 0;
    }
}
