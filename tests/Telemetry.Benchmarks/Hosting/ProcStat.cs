using System.Globalization;

namespace Telemetry.Benchmarks.Hosting;

/// <summary>
/// Reads a process's CPU time and memory from <c>/proc</c>, as <c>scripts/soak.sh</c> does, so every server
/// (the silo, Go binaries) is measured the same way from outside.
/// </summary>
internal static class ProcStat
{
    // The kernel reports /proc times in USER_HZ, which is 100 on every Linux ABI .NET runs on.
    private const double TicksPerSecond = 100;

    /// <summary>User + system CPU seconds of the process itself (its children excluded).</summary>
    public static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");

        // The command name is in parentheses and may hold spaces; fields after it start at field 3 (state).
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var utime = long.Parse(fields[14 - 3], CultureInfo.InvariantCulture);
        var stime = long.Parse(fields[15 - 3], CultureInfo.InvariantCulture);
        return (utime + stime) / TicksPerSecond;
    }

    /// <summary>Resident memory now and its peak, bytes.</summary>
    public static (long Rss, long Peak) Memory(int pid)
    {
        long rss = 0;
        long peak = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line);
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line);
            }
        }

        return (rss, peak);
    }

    private static long Kilobytes(string line) =>
        1024 * long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
}
