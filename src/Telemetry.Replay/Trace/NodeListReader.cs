namespace Telemetry.Replay.Trace;

/// <summary>Reads a trace's node list (<c>sn,cpu_milli,memory_mib,gpu,model</c>); nodes without GPUs are left out.</summary>
public static class NodeListReader
{
    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    public static IReadOnlyList<TraceNode> Read(string path)
    {
        using var reader = TraceFiles.Open(path);
        return Read(path, reader);
    }

    /// <summary>Reads a node list from <paramref name="reader"/>; <paramref name="file"/> names it in errors.</summary>
    public static IReadOnlyList<TraceNode> Read(string file, TextReader reader)
    {
        var table = CsvTable.Open(file, reader, ["sn", "gpu", "model"]);
        var nodes = new List<TraceNode>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (table.Next())
        {
            var name = table.Text("sn");
            if (name.Length == 0)
            {
                throw new TraceFormatException(file, table.Line, "sn", "the node has no name");
            }

            if (!names.Add(name))
            {
                throw new TraceFormatException(file, table.Line, "sn", $"node '{name}' is listed twice");
            }

            var gpus = (int)table.WholeNumber("gpu", 0, 64);
            if (gpus == 0)
            {
                continue;
            }

            var model = table.Text("model");
            if (model.Length == 0)
            {
                throw new TraceFormatException(file, table.Line, "model", "a node with GPUs needs a GPU model");
            }

            var cpu = table.Has("cpu_milli") ? table.WholeNumber("cpu_milli", 0, long.MaxValue) : 0;
            var memory = table.Has("memory_mib") ? table.WholeNumber("memory_mib", 0, long.MaxValue) : 0;
            nodes.Add(new TraceNode(name, gpus, model, cpu, memory));
        }

        if (nodes.Count == 0)
        {
            throw new TraceFormatException(file, table.Line, null, "the node list has no node with GPUs");
        }

        return nodes;
    }
}
