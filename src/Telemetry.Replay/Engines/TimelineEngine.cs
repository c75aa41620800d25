using System.Diagnostics;
using Telemetry.Replay.Fleet;
using Telemetry.Replay.Policies;
using Telemetry.Replay.Results;
using Telemetry.Replay.Trace;

namespace Telemetry.Replay.Engines;

/// <summary>
/// Tasks arrive at their creation time and leave after their run time, wait in a first-come queue when
/// nothing fits (later tasks may start past one that does not fit), and are tried again whenever the
/// fleet changes. GPU faults kill the tasks on the GPU, whose work so far is lost and which queue again.
/// </summary>
public sealed class TimelineEngine(ReplayRun run, ITraceClock clock, FaultPlan faults)
{
    private const double SecondsPerHour = 3600;
    private readonly PriorityQueue<TimelineEvent, (double, long)> _events = new();
    private readonly List<QueuedTask> _queue = [];
    private readonly List<double> _waits = [];
    private readonly List<SeriesPoint> _series = [];
    private readonly HashSet<ReplayNode> _awaitingRepair = [];
    private long _sequence;
    private double _now;
    private double _allocatedIntegral;
    private double _lostGpuSeconds;
    private int _faults;
    private int _killed;
    private int _running;
    private int _pendingArrivals;
    private int _placedOnce;
    private double _start;
    private Random _faultDraws = new(0);
    private readonly Dictionary<string, QueuedTask> _byId = new(StringComparer.Ordinal);

    /// <summary>Restart cost of a migrated task, trace seconds added to its remaining run time.</summary>
    public double MigrationRestartSeconds { get; init; } = 300;

    /// <summary>The trace seconds covered.</summary>
    public TimelineWindow Window { get; init; } = TimelineWindow.Whole;

    /// <summary>
    /// Arrivals come this many times closer together (run times unchanged), so a trace that fills a sliver of
    /// its fleet (the default trace: at most 66 of 6,212 GPUs at once) loads it. 1 replays the trace's own times.
    /// </summary>
    public double Load { get; init; } = 1;

    /// <summary>The fault rate the run used, per GPU-hour (set once it starts).</summary>
    public double FaultRatePerGpuHour { get; private set; }

    /// <summary>Called every so often with a one-line progress text.</summary>
    public Action<string>? Progress { get; init; }

    /// <summary>Runs the trace's window and returns the figures.</summary>
    public async Task<PolicyResult> RunAsync(IReadOnlyList<TraceTask> trace, int seed, CancellationToken cancellationToken)
    {
        var wall = Stopwatch.StartNew();
        _faultDraws = new Random(seed);
        var fleet = run.Fleet;
        var (start, end) = Span(trace);
        var traceEnd = end;
        end = start + ((end - start) / Load);
        var source = new TaskSource(trace, run.Tenants, seed);
        int tasks = 0, failed = 0;
        while (source.Next() is { } task)
        {
            var created = (double)task.Trace.CreatedAt!.Value;
            var deleted = (double)task.Trace.DeletedAt!.Value;
            if (created > traceEnd || deleted < start || (deleted == start && created < start))
            {
                continue;
            }

            tasks++;
            if (!TaskConstraints.Feasible(task, fleet, run.Tenants))
            {
                failed++;
                continue;
            }

            var arrival = Math.Max(created, start);
            var runs = Math.Max(0, deleted - arrival);
            arrival = start + ((arrival - start) / Load);
            Push(new TimelineEvent.Arrival(arrival, new QueuedTask(task, runs)));
            _pendingArrivals++;
        }

        _now = start;
        _start = start;
        FaultRatePerGpuHour = faults.RateFor(fleet.CapacityGpus * (end - start) / SecondsPerHour);
        if (FaultRatePerGpuHour > 0)
        {
            Push(new TimelineEvent.Fault(start + NextFaultIn(FaultRatePerGpuHour * fleet.CapacityGpus), null));
        }

        var lastProgress = wall.Elapsed;
        while (_events.TryPeek(out var next, out _) && next.At <= end && (_pendingArrivals + _running + _queue.Count) > 0)
        {
            await clock.WaitUntilAsync(next.At, () => ActOnDecisionsAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
            _events.Dequeue();
            Advance(next.At);
            await HandleAsync(next, cancellationToken).ConfigureAwait(false);
            await StartQueuedAsync(cancellationToken).ConfigureAwait(false);
            if (wall.Elapsed - lastProgress >= TimeSpan.FromSeconds(1))
            {
                lastProgress = wall.Elapsed;
                await ActOnDecisionsAsync(cancellationToken).ConfigureAwait(false);
                Progress?.Invoke($"{run.Policy.Name}: trace day {(_now - start) / 86_400,6:F2} of {(end - start) / 86_400:F2}, {_running} running, {_queue.Count} queued, allocated {100.0 * fleet.AllocatedMilli / fleet.CapacityMilli:F1} %, {_faults} faults");
            }
        }

        Advance(end);
        foreach (var waiting in _queue)
        {
            // Still waiting at the end: what it waited so far is a lower bound, and counts as such.
            _waits.Add(end - waiting.QueuedAt);
        }

        var span = Math.Max(1e-9, end - start);
        return new PolicyResult
        {
            Policy = run.Policy.Name,
            Mode = ReplayModes.Timeline,
            Rebalance = run.Rebalance,
            Tasks = tasks,
            Placed = _placedOnce,
            Failed = failed,
            Queued = _queue.Count(q => !q.EverStarted),
            CpuOnlyTasks = source.CpuOnlyTasks,
            CapacityGpus = fleet.CapacityGpus,
            AllocationPct = Math.Round(100.0 * _allocatedIntegral / (fleet.CapacityMilli * span), 3),
            QueueWaitP50Seconds = Percentiles.NearestRank(_waits, 50),
            QueueWaitP95Seconds = Percentiles.NearestRank(_waits, 95),
            GpuHoursLostToFaults = Math.Round(_lostGpuSeconds / SecondsPerHour, 3),
            FaultRatePerGpuHour = FaultRatePerGpuHour,
            Load = Load,
            Faults = _faults,
            TasksKilledByFaults = _killed,
            Migrations = run.Migrations,
            DecisionsActedOn = run.DecisionsActedOn,
            DoubleAllocations = run.Checker.DoubleAllocations,
            ConstraintViolations = run.Checker.ConstraintViolations,
            StartsOnDrainedNodes = run.Checker.StartsOnDrainedNodes,
            PlacementRefusals = run.PlacementRefusals,
            RefusalsWithRoom = run.RefusalsWithRoom,
            WallSeconds = Math.Round(wall.Elapsed.TotalSeconds, 2),
            Series = _series,
        };
    }

    private (double Start, double End) Span(IReadOnlyList<TraceTask> trace)
    {
        if (trace.Any(t => t.CreatedAt is null))
        {
            throw new InvalidOperationException("timeline mode needs the trace's creation_time and deletion_time columns");
        }

        var first = trace.Min(t => (double)t.CreatedAt!.Value);
        var last = trace.Max(t => (double)Math.Max(t.CreatedAt!.Value, t.DeletedAt == long.MaxValue ? t.CreatedAt.Value : t.DeletedAt!.Value));
        var start = Window.From ?? first;
        var end = Window.Until ?? last;
        if (end <= start)
        {
            throw new InvalidOperationException($"the timeline window ends ({end}) before it starts ({start})");
        }

        return (start, end);
    }

    private void Push(TimelineEvent e) => _events.Enqueue(e, (e.At, _sequence++));

    private double NextFaultIn(double ratePerHour) => -Math.Log(1 - _faultDraws.NextDouble()) / ratePerHour * SecondsPerHour;

    private void Advance(double to)
    {
        if (to > _now)
        {
            _allocatedIntegral += run.Fleet.AllocatedMilli * (to - _now);
            _now = to;
        }

        var hours = (_now - _start) / SecondsPerHour;
        if (_series.Count == 0 || hours - _series[^1].X >= 1)
        {
            _series.Add(new SeriesPoint(hours, 100.0 * run.Fleet.AllocatedMilli / run.Fleet.CapacityMilli));
        }
    }

    private async ValueTask HandleAsync(TimelineEvent e, CancellationToken cancellationToken)
    {
        switch (e)
        {
            case TimelineEvent.Arrival arrival:
                _pendingArrivals--;
                arrival.Task.QueuedAt = _now;
                _queue.Add(arrival.Task);
                break;
            case TimelineEvent.Departure departure when departure.Run == departure.Task.Run:
                if (await run.StopAsync(departure.Task.Task, cancellationToken).ConfigureAwait(false) is not null)
                {
                    _running--;
                }

                break;
            case TimelineEvent.Fault fault:
                await FaultAsync(fault, cancellationToken).ConfigureAwait(false);
                break;
            case TimelineEvent.Repair repair:
                _awaitingRepair.Remove(repair.Node);
                foreach (var gpu in repair.Node.Gpus)
                {
                    gpu.Healthy = true;
                }

                await run.Link.NodeRepairedAsync(repair.Node, cancellationToken).ConfigureAwait(false);
                break;
            default:
                break;
        }
    }

    private async ValueTask FaultAsync(TimelineEvent.Fault fault, CancellationToken cancellationToken)
    {
        var gpu = fault.Gpu;
        if (gpu is null)
        {
            var healthy = run.Fleet.Nodes.SelectMany(n => n.Gpus).Where(g => g.Healthy).ToList();
            Push(new TimelineEvent.Fault(_now + NextFaultIn(FaultRatePerGpuHour * Math.Max(1, healthy.Count)), null));
            if (healthy.Count == 0)
            {
                return;
            }

            gpu = healthy[_faultDraws.Next(healthy.Count)];
        }

        if (!gpu.Healthy)
        {
            return;
        }

        _faults++;
        gpu.Healthy = false;
        await run.Link.GpuFaultedAsync(gpu, cancellationToken).ConfigureAwait(false);
        foreach (var taskId in gpu.Tasks.Keys.ToList())
        {
            await KillAsync(taskId, cancellationToken).ConfigureAwait(false);
        }

        var node = gpu.Node;
        if (_awaitingRepair.Add(node))
        {
            var repairAt = _now + (faults.RepairHours * SecondsPerHour);
            Push(new TimelineEvent.Repair(repairAt, node));
            foreach (var other in node.Gpus)
            {
                var at = faults.FollowOnRatePerGpuHour > 0 ? _now + NextFaultIn(faults.FollowOnRatePerGpuHour) : double.PositiveInfinity;
                if (other != gpu && at < repairAt)
                {
                    Push(new TimelineEvent.Fault(at, other));
                }
            }
        }
    }

    private async ValueTask KillAsync(string taskId, CancellationToken cancellationToken)
    {
        var state = _byId[taskId];
        if (await run.StopAsync(state.Task, cancellationToken).ConfigureAwait(false) is null)
        {
            return;
        }

        _running--;
        _killed++;
        _lostGpuSeconds += (_now - state.StartedAt) * state.Task.DemandMilli / 1000.0;

        // The work since it started is lost: it queues again for the whole run time it started with.
        state.Run++;
        state.QueuedAt = _now;
        _queue.Add(state);
    }

    private async ValueTask StartQueuedAsync(CancellationToken cancellationToken)
    {
        if (_queue.Count == 0)
        {
            return;
        }

        // Once a shape does not fit, a larger one of the same constraints will not either: skip it this pass.
        var blocked = new Dictionary<(string, string?, bool), long>();
        for (var i = 0; i < _queue.Count;)
        {
            var state = _queue[i];
            var trace = state.Task.Trace;
            var key = (string.Join('|', trace.Models), state.Task.Tenant, trace.IsFractional);
            var size = trace.IsFractional ? trace.GpuMilli : trace.Gpus;
            if (blocked.TryGetValue(key, out var smallest) && size >= smallest)
            {
                i++;
                continue;
            }

            if (await run.TryStartAsync(state.Task, null, cancellationToken).ConfigureAwait(false) is null)
            {
                blocked[key] = blocked.TryGetValue(key, out var s) ? Math.Min(s, size) : size;
                i++;
                continue;
            }

            _queue.RemoveAt(i);
            Started(state);
        }
    }

    private void Started(QueuedTask state)
    {
        _waits.Add(_now - state.QueuedAt);
        _byId[state.Task.Id] = state;
        _running++;
        if (!state.EverStarted)
        {
            state.EverStarted = true;
            _placedOnce++;
        }

        state.StartedAt = _now;
        state.EndsAt = _now + state.RemainingSeconds;
        state.Run++;
        Push(new TimelineEvent.Departure(state.EndsAt, state, state.Run));
    }

    private ValueTask ActOnDecisionsAsync(CancellationToken cancellationToken) => run.ActOnDecisionsAsync(MovedAsync, cancellationToken);

    private ValueTask MovedAsync(ReplayTask task, Placement from, Placement to)
    {
        // A move is a restart from its last state, not a new arrival: it adds no queue wait and loses no work, but its
        // remaining run time grows by the restart.
        var state = _byId[task.Id];
        state.RemainingSeconds = Math.Max(0, state.EndsAt - _now) + MigrationRestartSeconds;
        state.StartedAt = _now;
        state.EndsAt = _now + state.RemainingSeconds;
        state.Run++;
        Push(new TimelineEvent.Departure(state.EndsAt, state, state.Run));
        return ValueTask.CompletedTask;
    }
}
