using Telemetry.Wire;

namespace Telemetry.Benchmarks.Ingest;

/// <summary>
/// The job ids the benchmark's bodies carry: none, or every GPU busy with a job of <see cref="GpusPerJob"/> GPUs
/// (whole nodes of one data center, as a scheduler places multi-GPU training), so each job grain compares its GPUs.
/// </summary>
internal sealed record BenchmarkJobs(int GpusPerJob)
{
    /// <summary>Bodies without job ids.</summary>
    public static readonly BenchmarkJobs None = new(0);

    public bool Any => GpusPerJob > 0;

    /// <summary>The report with every GPU's job set (or cleared): the values stay the simulator's, so runs with and without jobs differ only in the ids.</summary>
    /// <param name="report">A report of node <paramref name="node"/>.</param>
    /// <param name="node">The node's index in the fleet: <see cref="FleetData"/> puts node n in data center n mod 4, host n div 4.</param>
    public NodeReport Assign(NodeReport report, int node)
    {
        var nodesPerJob = Math.Max(1, GpusPerJob / FleetData.GpusPerNode);
        var jobId = Any ? $"bench-dc{(node % 4) + 1}-{node / 4 / nodesPerJob:D5}" : null;
        return report with { Gpus = [.. report.Gpus.Select(g => g with { JobId = jobId })] };
    }
}
