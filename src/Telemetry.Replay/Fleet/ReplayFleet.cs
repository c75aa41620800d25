using System.Security.Cryptography;
using System.Text;
using Telemetry.Replay.Trace;

namespace Telemetry.Replay.Fleet;

/// <summary>
/// The fleet one policy run works on: the trace's nodes spread over data centers, what runs on each GPU,
/// drain flags and data centers' admission weights as the replay last learned them.
/// </summary>
public sealed class ReplayFleet
{
    private readonly Dictionary<string, ReplayGpu> _byUuid = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ReplayNode> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Placement> _running = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _weights = new(StringComparer.Ordinal);

    /// <summary>
    /// Builds a fleet: node i goes to data center <c>(i mod dataCenters) + 1</c>, so every data center
    /// gets a like mix of models; names are prefixed with <paramref name="prefix"/> (e.g. <c>ff-</c>).
    /// </summary>
    public ReplayFleet(IReadOnlyList<TraceNode> nodes, int dataCenters, string prefix)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dataCenters, 1);
        Prefix = prefix;
        DataCenters = [.. Enumerable.Range(1, dataCenters).Select(i => $"{prefix}dc{i}")];
        var list = new List<ReplayNode>(nodes.Count);
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = new ReplayNode(i, prefix + nodes[i].Name.ToLowerInvariant(), DataCenters[i % dataCenters], nodes[i].Model, nodes[i].Gpus, Uuid);
            list.Add(node);
            _byId[node.Id] = node;
            foreach (var gpu in node.Gpus)
            {
                _byUuid[gpu.Uuid] = gpu;
            }
        }

        Nodes = list;
        CapacityMilli = list.Sum(n => n.Gpus.Count * 1000L);
        Models = [.. list.Select(n => n.Model).Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>The run's prefix of host and data-center names.</summary>
    public string Prefix { get; }

    /// <summary>Data-center ids, <c>{prefix}dc1</c> on.</summary>
    public IReadOnlyList<string> DataCenters { get; }

    /// <summary>Nodes in node-list order.</summary>
    public IReadOnlyList<ReplayNode> Nodes { get; }

    /// <summary>The trace models the fleet has.</summary>
    public IReadOnlyList<string> Models { get; }

    /// <summary>Every GPU's capacity, thousandths.</summary>
    public long CapacityMilli { get; }

    /// <summary>GPUs in the fleet.</summary>
    public int CapacityGpus => (int)(CapacityMilli / 1000);

    /// <summary>Thousandths allocated to running tasks.</summary>
    public long AllocatedMilli { get; private set; }

    /// <summary>Tasks running now, by id.</summary>
    public IReadOnlyDictionary<string, Placement> Running => _running;

    /// <summary>The GPU with this UUID, if the fleet has it.</summary>
    public ReplayGpu? Gpu(string uuid) => _byUuid.GetValueOrDefault(uuid);

    /// <summary>The node with this id (<c>dc/host</c>), if the fleet has it.</summary>
    public ReplayNode? Node(string id) => _byId.GetValueOrDefault(id);

    /// <summary>A data center's admission weight as last learned; 1 until the rebalancer says otherwise.</summary>
    public double AdmissionWeight(string dataCenter) => _weights.GetValueOrDefault(dataCenter, 1);

    /// <summary>Records a data center's admission weight from a <c>shift</c> decision.</summary>
    public void SetAdmissionWeight(string dataCenter, double weight) => _weights[dataCenter] = weight;

    /// <summary>Starts a task as placed: its shares are added as given, even if they overfill a GPU (the checker counts that).</summary>
    public void Start(string taskId, Placement placement)
    {
        if (!_running.TryAdd(taskId, placement))
        {
            throw new InvalidOperationException($"task {taskId} is already running");
        }

        foreach (var share in placement.Shares)
        {
            placement.Node.Gpus[share.Index].Add(taskId, share.Milli);
            AllocatedMilli += share.Milli;
        }
    }

    /// <summary>Ends a running task, freeing its shares; returns its placement, or null when it was not running.</summary>
    public Placement? Stop(string taskId)
    {
        if (!_running.Remove(taskId, out var placement))
        {
            return null;
        }

        foreach (var share in placement.Shares)
        {
            placement.Node.Gpus[share.Index].Remove(taskId);
            AllocatedMilli -= share.Milli;
        }

        return placement;
    }

    // A stable UUID per host and index, in NVML's form, so a rerun reports the same GPUs.
    private static string Uuid(string host, int index)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{host}#{index}"));
        var g = new Guid(hash.AsSpan(0, 16));
        return "GPU-" + g.ToString("D");
    }
}
