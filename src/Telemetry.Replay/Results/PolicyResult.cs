using System.Text.Json.Serialization;

namespace Telemetry.Replay.Results;

/// <summary>One policy run's figures, as <c>summary.json</c> lists them.</summary>
public sealed record PolicyResult
{
    public required string Policy { get; init; }

    public required string Mode { get; init; }

    /// <summary>Whether the run acted on the silo's rebalancing decisions.</summary>
    public required bool Rebalance { get; init; }

    /// <summary>GPU tasks that arrived (tasks without GPUs are left out: GPU-only placement).</summary>
    public required int Tasks { get; init; }

    /// <summary>Tasks that started at least once.</summary>
    public required int Placed { get; init; }

    /// <summary>Packing: tasks that found no room on arrival. Timeline: tasks no node of the fleet could ever run.</summary>
    public required int Failed { get; init; }

    /// <summary>Timeline: tasks still waiting when the run stopped that never started (so tasks = placed + failed + queued).</summary>
    public required int Queued { get; init; }

    /// <summary>Trace rows without GPUs, left out.</summary>
    public required int CpuOnlyTasks { get; init; }

    public required int CapacityGpus { get; init; }

    /// <summary>Packing: GPU demand that arrived, % of capacity, when the run stopped.</summary>
    public double? ArrivedDemandPct { get; init; }

    /// <summary>Packing: GPU capacity left unallocated when arrived demand reached 100 % of it, %.</summary>
    public double? UnallocatedGpuPctAtFullDemand { get; init; }

    /// <summary>Timeline: allocated GPU capacity, time-weighted over the run, %.</summary>
    public double? AllocationPct { get; init; }

    public required double QueueWaitP50Seconds { get; init; }

    public required double QueueWaitP95Seconds { get; init; }

    /// <summary>GPU-hours of work lost by tasks killed by a GPU fault (trace time × GPUs held).</summary>
    public required double GpuHoursLostToFaults { get; init; }

    /// <summary>Timeline: the fault rate used, per GPU-hour of trace time.</summary>
    public double? FaultRatePerGpuHour { get; init; }

    /// <summary>Timeline: how many times closer together arrivals came (<c>--load</c>).</summary>
    public double? Load { get; init; }

    /// <summary>GPU faults injected.</summary>
    public required int Faults { get; init; }

    /// <summary>Task runs a fault killed (each re-queued).</summary>
    public required int TasksKilledByFaults { get; init; }

    /// <summary>Tasks moved on a <c>migrate</c> decision.</summary>
    public required int Migrations { get; init; }

    /// <summary>Decisions acted on and acknowledged, of every kind.</summary>
    public required int DecisionsActedOn { get; init; }

    public required int DoubleAllocations { get; init; }

    public required int ConstraintViolations { get; init; }

    public required int StartsOnDrainedNodes { get; init; }

    /// <summary>Placements the policy could not give (silo: a 409 or an error), counted per attempt.</summary>
    public required int PlacementRefusals { get; init; }

    /// <summary>
    /// Refusals of a task that some node of the replay's own fleet could have taken at that moment (its constraints, drains
    /// and closed data centers honoured): a policy that refuses what fits is working from a stale view of the fleet.
    /// </summary>
    public int RefusalsWithRoom { get; init; }

    public required double WallSeconds { get; init; }

    /// <summary>The chart's series: unallocated against arrived demand (packing) or allocation over time (timeline).</summary>
    [JsonIgnore]
    public IReadOnlyList<SeriesPoint> Series { get; init; } = [];
}
