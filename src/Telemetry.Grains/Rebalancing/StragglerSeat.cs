using Telemetry.Jobs;

namespace Telemetry.Grains.Rebalancing;

/// <summary>A GPU its job judges a straggler now, as the rebalancer reads it from the job.</summary>
/// <param name="JobId">The job it holds back.</param>
/// <param name="Uuid">The GPU.</param>
/// <param name="Node">Its node, <c>&lt;datacenter&gt;/&lt;host&gt;</c>.</param>
/// <param name="JobGpusOnNode">How many of the job's GPUs are on that node.</param>
/// <param name="Signal">The signal it lags on, e.g. <c>sm_active</c>.</param>
/// <param name="Value">Its newest 10-second mean of <paramref name="Signal"/>; NaN when not measured.</param>
/// <param name="JobMedian">The job's median of <paramref name="Signal"/>; NaN when not measured.</param>
/// <param name="Reason">The job's reason line, e.g. <c>sm_active 0.35 vs job median 0.90 for 30 s</c>.</param>
public sealed record StragglerSeat(string JobId, string Uuid, string Node, int JobGpusOnNode, string Signal, double Value, double JobMedian, string Reason)
{
    /// <summary>The job's stragglers now.</summary>
    public static IEnumerable<StragglerSeat> Of(JobSnapshot job)
    {
        ArgumentNullException.ThrowIfNull(job);
        foreach (var gpu in job.Gpus.Where(g => g.Straggler && g.Reasons.Length > 0))
        {
            // A straggler's first reason is the lag it was found on, and it starts with the signal's name (docs/health.md).
            var reason = gpu.Reasons[0];
            var signal = reason.Split(' ', 2)[0];
            yield return new StragglerSeat(
                job.JobId, gpu.Uuid, gpu.Node, job.Gpus.Count(g => g.Node == gpu.Node), signal,
                gpu.Signals.GetValueOrDefault(signal, double.NaN), job.JobMedian.GetValueOrDefault(signal, double.NaN), reason);
        }
    }
}
