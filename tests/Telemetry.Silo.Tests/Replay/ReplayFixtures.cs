namespace Telemetry.Silo.Tests.Replay;

/// <summary>Small samplings of the Alibaba GPU trace (../shared/traces beside the repository), written to a temporary folder.</summary>
internal static class ReplayFixtures
{
    public static string TraceFile(string file)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Telemetry.sln")))
        {
            dir = dir.Parent;
        }

        var path = Path.GetFullPath(Path.Combine(dir?.FullName ?? ".", "..", "shared", "traces", "alibaba-gpu-v2023", file));
        Assert.True(File.Exists(path), $"{path} is missing: the replay tests read the Alibaba GPU trace from ../shared/traces beside the repository");
        return path;
    }

    /// <summary>Every <paramref name="every"/>-th node of the node list (a mix of its models).</summary>
    public static string Nodes(string folder, int every)
    {
        var lines = File.ReadAllLines(TraceFile("openb_node_list_gpu_node.csv"));
        var path = Path.Combine(folder, "nodes.csv");
        File.WriteAllLines(path, lines.Take(1).Concat(lines.Skip(1).Where((_, i) => i % every == 0)));
        return path;
    }

    /// <summary>The tasks created in [<paramref name="from"/>, <paramref name="until"/>); every fifth GPU task asks for a T4 (a model constraint).</summary>
    public static string Tasks(string folder, long from, long until)
    {
        var lines = File.ReadAllLines(TraceFile("openb_pod_list_default.csv"));
        var header = lines[0].Split(',');
        int created = Array.IndexOf(header, "creation_time"), spec = Array.IndexOf(header, "gpu_spec"), gpus = Array.IndexOf(header, "num_gpu");
        var kept = new List<string> { lines[0] };
        var n = 0;
        foreach (var line in lines.Skip(1))
        {
            var fields = line.Split(',');
            var at = long.Parse(fields[created], System.Globalization.CultureInfo.InvariantCulture);
            if (at < from || at >= until)
            {
                continue;
            }

            if (fields[gpus] != "0" && n++ % 5 == 0)
            {
                fields[spec] = "T4";
            }

            kept.Add(string.Join(',', fields));
        }

        var path = Path.Combine(folder, "pods.csv");
        File.WriteAllLines(path, kept);
        return path;
    }
}
