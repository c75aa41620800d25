namespace Telemetry.Benchmarks.Hosting;

/// <summary>The machine a run was on, for the report: figures mean little without it.</summary>
internal static class MachineInfo
{
    public static string Describe()
    {
        var model = ReadFirst("/proc/cpuinfo", "model name") ?? "unknown CPU";
        var memKb = ReadFirst("/proc/meminfo", "MemTotal")?.Replace("kB", "", StringComparison.Ordinal).Trim();
        var memory = long.TryParse(memKb, out var kb) ? $"{kb / 1024.0 / 1024.0:F1} GiB" : "unknown memory";
        return $"{Environment.ProcessorCount} cores (nproc), {model}, {memory}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }

    private static string? ReadFirst(string path, string key)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        return line?[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }
}
