namespace Telemetry.Replay.Fleet;

/// <summary>One GPU of the replay's fleet: what is allocated on it, in thousandths of the GPU.</summary>
public sealed class ReplayGpu(ReplayNode node, int index, string uuid)
{
    private readonly Dictionary<string, int> _tasks = new(StringComparer.Ordinal);

    /// <summary>The node the GPU is in.</summary>
    public ReplayNode Node { get; } = node;

    /// <summary>Index on its node, from 0.</summary>
    public int Index { get; } = index;

    /// <summary>The UUID the GPU reports, as NVML writes it.</summary>
    public string Uuid { get; } = uuid;

    /// <summary>Thousandths allocated, the sum of its tasks' shares (over 1000 only if a policy double-allocated).</summary>
    public int UsedMilli { get; private set; }

    /// <summary>False from a fault on: the GPU takes no task and its tasks fail.</summary>
    public bool Healthy { get; set; } = true;

    /// <summary>What a new task may still take: 0 when unhealthy.</summary>
    public int FreeMilli => Healthy ? Math.Max(0, 1000 - UsedMilli) : 0;

    /// <summary>True when nothing runs on it and it is healthy: a whole-GPU task may take it.</summary>
    public bool IsWholeFree => Healthy && UsedMilli == 0;

    /// <summary>True when it holds a fraction of a GPU and room for more.</summary>
    public bool IsShared => UsedMilli is > 0 and < 1000 && _tasks.Values.All(m => m < 1000);

    /// <summary>Task ids on the GPU with their shares.</summary>
    public IReadOnlyDictionary<string, int> Tasks => _tasks;

    internal void Add(string taskId, int milli)
    {
        _tasks[taskId] = _tasks.GetValueOrDefault(taskId) + milli;
        UsedMilli += milli;
    }

    internal void Remove(string taskId)
    {
        if (_tasks.Remove(taskId, out var milli))
        {
            UsedMilli -= milli;
        }
    }
}
