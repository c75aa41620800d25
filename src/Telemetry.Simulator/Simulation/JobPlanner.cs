namespace Telemetry.Exporter.Simulation;

/// <summary>
/// Starts and ends a node's jobs. Whole-node jobs are the common case (data-parallel training);
/// the rest take 1, 2 or 4 GPUs. Idle gaps shrink when demand is high.
/// </summary>
internal static class JobPlanner
{
    private const double MinuteMs = 60_000;
    private const double MedianJobMinutes = 40;
    private const double JobSpread = 1.1;

    /// <summary>Frees GPUs whose job ended before <paramref name="now"/> and gives new jobs to GPUs whose idle gap is over.</summary>
    /// <param name="gpus">The node's GPUs.</param>
    /// <param name="now">Start of the report window, Unix ms.</param>
    /// <param name="load">Demand from the daily curve, 0–1.</param>
    /// <param name="random">The node's generator.</param>
    /// <param name="warmStart">First call: back-date new jobs so the fleet starts mid-life, not all at once.</param>
    public static void Plan(SimulatedGpu[] gpus, long now, double load, ref FastRandom random, bool warmStart)
    {
        foreach (var gpu in gpus)
        {
            if (gpu.Job is { } job && job.EndsAtMs <= now)
            {
                gpu.Job = null;
                gpu.IdleUntilMs = now + (long)random.Exponential(IdleGapMeanMs(load));
            }
        }

        Span<int> ready = stackalloc int[gpus.Length];
        var readyCount = 0;
        foreach (var gpu in gpus)
        {
            if (gpu.Job is null && gpu.DeadSinceMs == long.MaxValue && gpu.IdleUntilMs <= now)
            {
                ready[readyCount++] = gpu.Index;
            }
        }

        var taken = 0;
        while (taken < readyCount)
        {
            var size = PickSize(readyCount - taken, readyCount == gpus.Length && taken == 0, ref random);
            var job = NewJob(size, now, load, ref random, warmStart);
            for (var i = 0; i < size; i++)
            {
                gpus[ready[taken + i]].Job = job;
            }

            taken += size;
        }
    }

    /// <summary>Gives idle, working GPUs one job together until <paramref name="busy"/> GPUs have a job (a scenario's demand).</summary>
    public static void Occupy(SimulatedGpu[] gpus, int busy, long now, ref FastRandom random)
    {
        var idle = gpus.Where(g => g.Job is null && g.DeadSinceMs == long.MaxValue).ToArray();
        var needed = Math.Min(idle.Length, busy - (gpus.Length - idle.Length));
        if (needed <= 0)
        {
            return;
        }

        var job = NewJob(needed, now, 1, ref random, warmStart: false);
        foreach (var gpu in idle.Take(needed))
        {
            gpu.Job = job;
        }
    }

    /// <summary>
    /// Ends the node's jobs, smallest first, while more than <paramref name="busy"/> GPUs have one (a scenario's demand
    /// falling; <see cref="Occupy"/> then fills any overshoot); their GPUs stay idle for an idle gap, as after any job.
    /// </summary>
    public static void Release(SimulatedGpu[] gpus, int busy, long now, double load, ref FastRandom random)
    {
        var running = gpus.Count(g => g.Job is not null);
        foreach (var job in gpus.Select(g => g.Job).OfType<SimulatedJob>().Distinct().OrderBy(j => j.GpuCount).ThenByDescending(j => j.StartedAtMs).ToArray())
        {
            if (running <= busy)
            {
                return;
            }

            job.EndsAtMs = now;
            foreach (var gpu in gpus.Where(g => ReferenceEquals(g.Job, job)))
            {
                gpu.Job = null;
                gpu.IdleUntilMs = now + (long)random.Exponential(IdleGapMeanMs(load));
                running--;
            }
        }
    }

    /// <summary>Mean idle time between jobs: about 2 minutes at peak demand, half an hour at the trough.</summary>
    public static double IdleGapMeanMs(double load) => Math.Max(0.5, 20 * (1 - load) / load) * MinuteMs;

    private static int PickSize(int free, bool wholeNodeFree, ref FastRandom random)
    {
        if (wholeNodeFree && free > 1 && random.NextDouble() < 0.65)
        {
            return free;
        }

        // Powers of two that fit: 1 (40%), 2 (25%), 4 (35%).
        var u = random.NextDouble();
        var size = u < 0.4 ? 1 : u < 0.65 ? 2 : 4;
        while (size > free)
        {
            size /= 2;
        }

        return size;
    }

    private static SimulatedJob NewJob(int size, long now, double load, ref FastRandom random, bool warmStart)
    {
        var minutes = Math.Clamp(MedianJobMinutes * Math.Exp(JobSpread * random.Gaussian()), 2, 3 * 24 * 60);
        var durationMs = (long)(minutes * MinuteMs);
        var started = warmStart ? now - (long)(random.NextDouble() * durationMs) : now;
        var training = size > 1 ? random.NextDouble() < 0.85 : random.NextDouble() < 0.5;
        return new SimulatedJob
        {
            Id = $"job-{random.NextUInt64() & 0xFFFF_FFFF_FFFFUL:x12}",
            Kind = training ? JobKind.Training : JobKind.Inference,
            GpuCount = size,
            StartedAtMs = started,
            EndsAtMs = started + durationMs,
            Intensity = training ? random.Between(0.8, 0.99) : random.Between(0.5, 0.9) * (0.6 + (0.4 * load)),
            SmEfficiency = random.Between(0.7, 0.95),
            TensorShare = training ? random.Between(0.5, 0.85) : random.Between(0.2, 0.5),
            MemoryShare = training ? random.Between(0.6, 0.95) : random.Between(0.5, 0.9),
            MemCopyPct = training ? random.Between(25, 60) : random.Between(30, 75),
            PcieShare = training ? random.Between(0.02, 0.1) : random.Between(0.05, 0.25),
            NvlinkShare = size > 1 ? random.Between(0.2, training ? 0.6 : 0.2) : 0,
            CheckpointEveryMs = (long)(random.Between(15, 60) * MinuteMs),
            CheckpointForMs = (long)random.Between(20_000, 90_000),
        };
    }
}
