namespace Telemetry.Replay.Fleet;

/// <summary>One node of the replay's fleet.</summary>
public sealed class ReplayNode
{
    internal ReplayNode(int ordinal, string host, string dataCenter, string model, int gpus, Func<string, int, string> uuid)
    {
        Ordinal = ordinal;
        Host = host;
        DataCenter = dataCenter;
        Model = model;
        Gpus = [.. Enumerable.Range(0, gpus).Select(i => new ReplayGpu(this, i, uuid(host, i)))];
    }

    /// <summary>Position in the node list, from 0: the order first-fit walks.</summary>
    public int Ordinal { get; }

    /// <summary>Host name as reported, prefixed by the run (e.g. <c>ff-openb-node-0000</c>).</summary>
    public string Host { get; }

    /// <summary>The data center the node is in.</summary>
    public string DataCenter { get; }

    /// <summary>The node id the silo uses: <c>dc/host</c>.</summary>
    public string Id => $"{DataCenter}/{Host}";

    /// <summary>The trace's model name (e.g. <c>V100M16</c>).</summary>
    public string Model { get; }

    /// <summary>The node's GPUs by index.</summary>
    public IReadOnlyList<ReplayGpu> Gpus { get; }

    /// <summary>Set from a <c>drain</c> decision, cleared by <c>undrain</c>: the node takes no new task.</summary>
    public bool Drained { get; set; }

    /// <summary>Thousandths of a GPU still free on healthy GPUs.</summary>
    public int FreeMilli => Gpus.Sum(g => g.FreeMilli);

    /// <summary>GPUs a whole-GPU task may take.</summary>
    public int WholeFreeGpus => Gpus.Count(g => g.IsWholeFree);
}
