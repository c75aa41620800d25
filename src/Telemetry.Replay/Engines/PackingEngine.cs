using System.Diagnostics;
using Telemetry.Replay.Results;
using Telemetry.Replay.Trace;

namespace Telemetry.Replay.Engines;

/// <summary>
/// The FGD paper's experiment: tasks arrive in trace order and never leave; each is placed or counted
/// failed; the run stops once the GPU demand that has arrived reaches the fleet's GPU capacity, the
/// trace starting again from its top if it runs out first.
/// </summary>
public sealed class PackingEngine(ReplayRun run)
{
    /// <summary>Decisions are read every this many tasks while a cluster is linked.</summary>
    public int DecisionEveryTasks { get; init; } = 50;

    /// <summary>Called every so often with a one-line progress text.</summary>
    public Action<string>? Progress { get; init; }

    /// <summary>Runs to full demand and returns the figures.</summary>
    public async Task<PolicyResult> RunAsync(IReadOnlyList<TraceTask> trace, int seed, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var fleet = run.Fleet;
        var source = new TaskSource(trace, run.Tenants, seed) { Cycle = true };
        var capacity = fleet.CapacityMilli;
        long arrived = 0;
        int tasks = 0, placed = 0, failed = 0;
        var series = new List<SeriesPoint>();
        var nextPoint = 0.0;
        while (arrived < capacity && source.Next() is { } task)
        {
            cancellationToken.ThrowIfCancellationRequested();
            tasks++;
            arrived += task.DemandMilli;
            if (tasks % DecisionEveryTasks == 0)
            {
                await run.ActOnDecisionsAsync(null, cancellationToken).ConfigureAwait(false);
            }

            if (await run.TryStartAsync(task, null, cancellationToken).ConfigureAwait(false) is null)
            {
                failed++;
            }
            else
            {
                placed++;
            }

            var arrivedPct = 100.0 * arrived / capacity;
            if (arrivedPct >= nextPoint || arrived >= capacity)
            {
                series.Add(new SeriesPoint(arrivedPct, 100.0 * (capacity - fleet.AllocatedMilli) / capacity));
                nextPoint = arrivedPct + 0.25;
                Progress?.Invoke($"{run.Policy.Name}: arrived {arrivedPct,5:F1} % of capacity, {placed} placed, {failed} failed, unallocated {series[^1].Y:F2} %");
            }
        }

        return new PolicyResult
        {
            Policy = run.Policy.Name,
            Mode = ReplayModes.Packing,
            Rebalance = run.Rebalance,
            Tasks = tasks,
            Placed = placed,
            Failed = failed,
            Queued = 0,
            CpuOnlyTasks = source.CpuOnlyTasks,
            CapacityGpus = fleet.CapacityGpus,
            ArrivedDemandPct = Math.Round(100.0 * arrived / capacity, 3),
            UnallocatedGpuPctAtFullDemand = Math.Round(100.0 * (capacity - fleet.AllocatedMilli) / capacity, 3),
            QueueWaitP50Seconds = 0,
            QueueWaitP95Seconds = 0,
            GpuHoursLostToFaults = 0,
            Faults = 0,
            TasksKilledByFaults = 0,
            Migrations = run.Migrations,
            DecisionsActedOn = run.DecisionsActedOn,
            DoubleAllocations = run.Checker.DoubleAllocations,
            ConstraintViolations = run.Checker.ConstraintViolations,
            StartsOnDrainedNodes = run.Checker.StartsOnDrainedNodes,
            PlacementRefusals = run.PlacementRefusals,
            RefusalsWithRoom = run.RefusalsWithRoom,
            WallSeconds = Math.Round(clock.Elapsed.TotalSeconds, 2),
            Series = series,
        };
    }
}
