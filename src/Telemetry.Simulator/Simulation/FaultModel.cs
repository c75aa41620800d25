namespace Telemetry.Exporter.Simulation;

/// <summary>
/// Rare events as independent Poisson processes per GPU: each keeps the time of its next event, so the
/// rate is exact whatever the sample spacing, and checking costs one comparison per sample.
/// </summary>
internal sealed class FaultModel(SimulationSettings settings)
{
    private const double MsPerHour = 3_600_000;

    /// <summary>Draws the first time of every event for a GPU that starts working at <paramref name="fromMs"/>.</summary>
    public void Schedule(SimulatedGpu gpu, long fromMs, ref FastRandom random)
    {
        gpu.NextXidAtMs = NextAt(fromMs, settings.XidRatePerGpuHour, ref random);
        gpu.NextSbeAtMs = NextAt(fromMs, settings.SbeRatePerGpuHour, ref random);
        gpu.NextCrcAtMs = NextAt(fromMs, settings.NvlinkCrcRatePerGpuHour, ref random);
        gpu.NextReplayAtMs = NextAt(fromMs, settings.PcieReplayRatePerGpuHour, ref random);
        gpu.NextStragglerAtMs = NextAt(fromMs, settings.StragglerRatePerGpuHour, ref random);
    }

    /// <summary>Raises every event due by <paramref name="t"/>: XIDs into <see cref="SimulatedGpu.Xids"/>, counters into the pending counts.</summary>
    public void Advance(SimulatedGpu gpu, long t, ref FastRandom random)
    {
        while (t >= gpu.NextXidAtMs)
        {
            Raise(gpu, XidCatalog.Pick(random.NextDouble()), gpu.NextXidAtMs, ref random);

            // A lost GPU raises nothing more: the driver has given up on it.
            gpu.NextXidAtMs = gpu.DeadSinceMs == long.MaxValue
                ? NextAt(gpu.NextXidAtMs, settings.XidRatePerGpuHour, ref random)
                : long.MaxValue;
        }

        if (t >= gpu.NextSbeAtMs)
        {
            gpu.PendingSbe += 1 + random.Next(3);
            gpu.NextSbeAtMs = NextAt(t, settings.SbeRatePerGpuHour, ref random);
        }

        if (t >= gpu.NextCrcAtMs)
        {
            // CRC flit errors come in bursts from a marginal link.
            gpu.PendingCrc += 1 + random.Next(30);
            gpu.NextCrcAtMs = NextAt(t, settings.NvlinkCrcRatePerGpuHour, ref random);
        }

        if (t >= gpu.NextStragglerAtMs)
        {
            gpu.StragglerDue = true;
            gpu.NextStragglerAtMs = NextAt(t, settings.StragglerRatePerGpuHour, ref random);
        }

        if (t >= gpu.NextReplayAtMs)
        {
            gpu.PendingReplay += 1 + random.Next(8);
            gpu.NextReplayAtMs = NextAt(t, settings.PcieReplayRatePerGpuHour, ref random);
        }
    }

    private static void Raise(SimulatedGpu gpu, XidKind kind, long at, ref FastRandom random)
    {
        gpu.Xids.Add(kind.Code);
        switch (kind.Effect)
        {
            case XidEffect.SingleBitStorm:
                gpu.PendingSbe += 50 + random.Next(200);
                return;
            case XidEffect.PendingRowRemap:
                gpu.RowRemapPending = true;
                break;
            case XidEffect.RowRemapFailure:
                gpu.RowRemapFailure = true;
                gpu.DeadSinceMs = at;
                break;
            case XidEffect.DoubleBitEcc:
                gpu.PendingDbe += 1;
                gpu.DeadSinceMs = at;
                break;
            case XidEffect.GpuLost:
                gpu.DeadSinceMs = at;
                break;
            case XidEffect.JobCrash:
            default:
                break;
        }

        // Every other kind takes the job down, and with it the job's other GPUs.
        if (gpu.Job is { } job && job.EndsAtMs > at)
        {
            job.EndsAtMs = at;
        }
    }

    private static long NextAt(long fromMs, double ratePerHour, ref FastRandom random) =>
        ratePerHour <= 0 ? long.MaxValue : fromMs + (long)Math.Ceiling(random.Exponential(MsPerHour / ratePerHour));
}
