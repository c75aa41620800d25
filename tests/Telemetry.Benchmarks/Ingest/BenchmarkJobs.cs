using Telemetry.Exporter.Simulation;
using Telemetry.Wire;

namespace Telemetry.Benchmarks.Ingest;

/// <summary>
/// The jobs the benchmark's GPUs run and whether the bodies name them. <see cref="Planned"/> leaves the simulator's
/// own job planner in charge (jobs of 1 to 8 GPUs, idle GPUs between them). Otherwise every GPU is busy with a job of
/// <see cref="GpusPerJob"/> GPUs (whole nodes of one data center, as a scheduler places multi-GPU training) at one
/// load, so a job's GPUs look alike, as a real job's do, and its grain compares them without finding stragglers.
/// </summary>
/// <param name="GpusPerJob">GPUs per job, a multiple of 8; 0 for the simulator's own jobs.</param>
/// <param name="SendIds">Put the job ids in the bodies; false sends the same samples without them.</param>
internal sealed record BenchmarkJobs(int GpusPerJob, bool SendIds)
{
    /// <summary>The simulator's own jobs, with their ids.</summary>
    public static readonly BenchmarkJobs Planned = new(0, true);

    /// <summary>Compute load of every GPU of a benchmark job, 0–1.</summary>
    public const double Load = 0.9;

    /// <summary>The simulator's job planner decides what the GPUs run.</summary>
    public bool ByPlanner => GpusPerJob == 0;

    /// <summary>Gives every GPU of node <paramref name="node"/> its job from <paramref name="startMs"/>; nothing for <see cref="Planned"/>.</summary>
    /// <param name="simulator">The node's simulator, made with <see cref="NodeSimulator.ExternalJobs"/> unless <see cref="ByPlanner"/>.</param>
    /// <param name="node">The node's index in the fleet: <see cref="FleetData"/> puts node n in data center n mod 4, host n div 4.</param>
    /// <param name="startMs">Sample time of the first report.</param>
    public void Start(NodeSimulator simulator, int node, long startMs)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        if (ByPlanner)
        {
            return;
        }

        var jobId = $"bench-dc{(node % 4) + 1}-{node / 4 / (GpusPerJob / FleetData.GpusPerNode):D5}";
        for (var g = 0; g < FleetData.GpusPerNode; g++)
        {
            simulator.SetJob(g, jobId, Load, startMs - (long)FleetData.IntervalMs);
        }
    }

    /// <summary>The report as sent: the same samples, with or without the job ids.</summary>
    public NodeReport Sent(NodeReport report) =>
        SendIds ? report : report with { Gpus = [.. report.Gpus.Select(g => g with { JobId = null })] };
}
