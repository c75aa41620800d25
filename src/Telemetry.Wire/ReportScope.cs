namespace Telemetry.Wire;

/// <summary>
/// Where the decoder is in a body (report, node, GPU) and what it may accept there; turns a problem
/// into a sentence that names the place. One instance serves a whole body.
/// </summary>
internal sealed class ReportScope(WireLimits limits, DateTimeOffset now)
{
    public WireLimits Limits { get; } = limits;

    /// <summary>Latest accepted timestamp, Unix ms: now plus the allowed clock skew.</summary>
    public long LatestTimestamp { get; } =
        now.ToUnixTimeMilliseconds() + (long)Math.Clamp(limits.MaxClockSkew.TotalMilliseconds, 0, long.MaxValue / 2);

    public int ReportIndex { get; private set; } = -1;

    public string? NodeId { get; set; }

    /// <summary>Position of the GPU block being read, or −1 outside GPU blocks.</summary>
    public int GpuPosition { get; private set; } = -1;

    /// <summary>Index the GPU block declared, or −1 before it is known.</summary>
    public int GpuIndex { get; set; } = -1;

    // Strings that repeat across reports and GPUs of a body; decoded once, then reused.
    public string? RecentNodeId { get; set; }

    public string? RecentBootId { get; set; }

    public string? RecentModel { get; set; }

    public void BeginReport(int index)
    {
        ReportIndex = index;
        NodeId = null;
        EndGpu();
    }

    public void BeginGpu(int position)
    {
        GpuPosition = position;
        GpuIndex = -1;
    }

    public void EndGpu()
    {
        GpuPosition = -1;
        GpuIndex = -1;
    }

    /// <summary>An exception whose message reads "Report 2 (node 'dc1/h7'), GPU 3: <paramref name="problem"/>".</summary>
    public WireFormatException Fail(string code, string problem) => new(code, Sentence(problem));

    /// <summary>"Report 2 (node 'dc1/h7'), GPU 3: <paramref name="problem"/>."</summary>
    public string Sentence(string problem) => $"{Place()}: {problem}.";

    private string Place()
    {
        var place = NodeId is null ? $"Report {ReportIndex}" : $"Report {ReportIndex} (node '{NodeId}')";
        if (GpuIndex >= 0)
        {
            return $"{place}, GPU {GpuIndex}";
        }

        return GpuPosition >= 0 ? $"{place}, GPU block #{GpuPosition}" : place;
    }
}
