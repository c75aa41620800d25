namespace Telemetry.Replay.Trace;

/// <summary>
/// Reads a trace's task list (<c>name,…,num_gpu,gpu_milli,gpu_spec,…,creation_time,deletion_time</c>),
/// in file order. Time columns may be missing (packing samplings); <c>gpu_spec</c> may be missing or empty.
/// </summary>
public static class TraceReader
{
    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    public static IReadOnlyList<TraceTask> Read(string path)
    {
        using var reader = TraceFiles.Open(path);
        return Read(path, reader);
    }

    /// <summary>Reads tasks from <paramref name="reader"/>; <paramref name="file"/> names it in errors.</summary>
    public static IReadOnlyList<TraceTask> Read(string file, TextReader reader)
    {
        var table = CsvTable.Open(file, reader, ["name", "num_gpu", "gpu_milli"]);
        var timed = table.Has("creation_time") && table.Has("deletion_time");
        var tasks = new List<TraceTask>();
        while (table.Next())
        {
            var name = table.Text("name");
            if (name.Length == 0)
            {
                throw new TraceFormatException(file, table.Line, "name", "the task has no name");
            }

            var gpus = (int)table.WholeNumber("num_gpu", 0, 64);
            var milli = gpus == 0 ? 0 : (int)table.WholeNumber("gpu_milli", gpus == 1 ? 1 : 1000, 1000);
            var spec = table.Text("gpu_spec");
            IReadOnlyList<string> models = spec.Length == 0 ? [] : spec.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            long? created = null, deleted = null;
            if (timed)
            {
                created = table.WholeNumber("creation_time", 0, long.MaxValue);
                var deletion = table.Text("deletion_time");

                // A task still running when the trace was taken may have no deletion time.
                deleted = deletion.Length == 0 ? long.MaxValue : table.WholeNumber("deletion_time", 0, long.MaxValue);
            }

            tasks.Add(new TraceTask(name, gpus, milli, models, created, deleted));
        }

        if (tasks.Count == 0)
        {
            throw new TraceFormatException(file, table.Line, null, "the trace has no task");
        }

        return tasks;
    }
}
