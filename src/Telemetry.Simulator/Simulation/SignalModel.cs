using Telemetry.Fields;

namespace Telemetry.Exporter.Simulation;

/// <summary>
/// Turns a GPU's job and state into one DCGM-like sample row. Cheap on purpose: a handful of
/// multiplications and uniform draws per field, no allocation, so 80,000 samples/s cost little CPU.
/// </summary>
internal static class SignalModel
{
    private const double AmbientC = 30;
    private const double TempRiseAtLimitC = 45;
    private const double IdleFbMib = 4;
    private const double RampMs = 20_000;
    private const double IdleLinkBytesPerSec = 200_000;

    /// <summary>Writes the sample at <paramref name="t"/> into <paramref name="row"/> (canonical column order).</summary>
    public static void Sample(SimulatedGpu gpu, GpuModelSpec model, long t, in SampleStep step, double load, ref FastRandom random, Span<double> row)
    {
        var dead = gpu.IsDeadAt(t);
        var job = !dead && gpu.Job is { } j && t < j.EndsAtMs ? j : null;
        var (target, fbTarget) = Targets(job, model, t, load, ref random);

        var thermal = gpu.TempC > model.SlowdownTempC;
        // A lost GPU stops at once; everything else eases toward its target.
        var util = gpu.Util = dead ? 0 : gpu.Util + ((target - gpu.Util) * (gpu.Warm ? step.UtilAlpha : 1));
        var sm = job is null ? 0 : util * job.SmEfficiency;
        var tensor = job is null ? 0 : sm * job.TensorShare;

        // Tensor-heavy work draws the most power; the board's controller caps it at the limit.
        var demand = model.IdlePowerW + (((model.PowerLimitW * 1.05) - model.IdlePowerW) * ((0.6 * util) + (0.5 * tensor)));
        var capped = demand > model.PowerLimitW;
        var powerTarget = capped ? model.PowerLimitW * (0.975 + random.Noise(0.02)) : demand;
        powerTarget *= thermal ? 0.9 : dead ? 0.7 : 1;
        gpu.PowerW += (powerTarget - gpu.PowerW) * (gpu.Warm ? step.PowerAlpha : 1);
        var tempTarget = AmbientC + gpu.CoolingOffsetC + (TempRiseAtLimitC * gpu.PowerW / model.PowerLimitW);
        gpu.TempC += (tempTarget - gpu.TempC) * (gpu.Warm ? step.TempAlpha : 1);
        gpu.FbUsedMib += (fbTarget - gpu.FbUsedMib) * (gpu.Warm ? step.FbAlpha : 1);
        gpu.Warm = true;

        var busy = util >= 0.02;
        row[FieldCatalog.GpuUtilPct - 1] = busy ? Math.Clamp(Math.Round((util * 106) + random.Noise(1.5)), 0, 100) : 0;
        row[FieldCatalog.MemCopyUtilPct - 1] = job is null ? 0 : Math.Round(util * job.MemCopyPct);
        row[FieldCatalog.SmActive - 1] = sm;
        row[FieldCatalog.TensorActive - 1] = tensor;
        row[FieldCatalog.FbUsedMib - 1] = Math.Min(model.FbTotalMib, Math.Round(gpu.FbUsedMib * (1 + random.Noise(0.001))));
        row[FieldCatalog.FbTotalMib - 1] = model.FbTotalMib;
        row[FieldCatalog.GpuTempC - 1] = Math.Round(gpu.TempC + random.Noise(0.4));
        row[FieldCatalog.MemTempC - 1] = Math.Round(gpu.TempC + 4 + (6 * util) + random.Noise(0.4));
        row[FieldCatalog.PowerW - 1] = Math.Min(model.PowerLimitW * 1.01, gpu.PowerW + random.Noise(model.PowerLimitW * 0.005));
        row[FieldCatalog.PowerLimitW - 1] = model.PowerLimitW;
        row[FieldCatalog.SmClockMhz - 1] = dead ? 0 : SmClock(model, busy, capped ? model.PowerLimitW / demand : 1, thermal);
        row[FieldCatalog.MemClockMhz - 1] = dead ? 0 : model.MemClockMhz;
        row[FieldCatalog.ClockEventReasons - 1] = (double)Reasons(model, gpu.TempC, busy, capped, thermal);
        WriteLinks(job, model, t, util, ref random, row);
        WriteErrors(gpu, row);
    }

    private static (double Util, double FbMib) Targets(SimulatedJob? job, GpuModelSpec model, long t, double load, ref FastRandom random)
    {
        if (job is null)
        {
            return (0, IdleFbMib);
        }

        // New jobs load data and weights before the GPU gets busy.
        var ramp = Math.Min(1, (t - job.StartedAtMs) / RampMs);
        var demand = job.Kind == JobKind.Training
            ? job.Intensity * (0.92 + (0.08 * load))
            : job.Intensity * (0.35 + (0.65 * load)) * random.Between(0.8, 1.2);
        if (job.IsCheckpointing(t))
        {
            demand *= 0.08;
        }

        return (Math.Clamp((demand + random.Noise(0.04)) * ramp, 0, 1), job.MemoryShare * model.FbTotalMib * Math.Min(1, 2 * ramp));
    }

    private static double SmClock(GpuModelSpec model, bool busy, double powerHeadroom, bool thermal)
    {
        if (!busy)
        {
            return model.IdleSmClockMhz;
        }

        // Dynamic power grows faster than linearly with clock, so a small cut buys back a lot of watts.
        // Uncapped, the headroom is exactly 1 and so is its power: skip the pow, the dearest call of a sample.
        var clock = model.MaxSmClockMhz * (powerHeadroom == 1 ? 1 : Math.Pow(powerHeadroom, 0.4)) * (thermal ? 0.85 : 1);
        return Math.Round(clock / 15) * 15;
    }

    private static ClockEventReasons Reasons(GpuModelSpec model, double tempC, bool busy, bool capped, bool thermal)
    {
        var reasons = busy ? ClockEventReasons.None : ClockEventReasons.GpuIdle;
        if (capped)
        {
            reasons |= ClockEventReasons.SwPowerCap;
        }

        if (thermal)
        {
            reasons |= ClockEventReasons.SwThermalSlowdown;
        }

        if (tempC > model.SlowdownTempC + 5)
        {
            reasons |= ClockEventReasons.HwThermalSlowdown;
        }

        return reasons;
    }

    private static void WriteLinks(SimulatedJob? job, GpuModelSpec model, long t, double util, ref FastRandom random, Span<double> row)
    {
        if (job is null)
        {
            row[FieldCatalog.PcieTxBytesPerSec - 1] = IdleLinkBytesPerSec * random.Between(0.5, 1.5);
            row[FieldCatalog.PcieRxBytesPerSec - 1] = IdleLinkBytesPerSec * random.Between(0.5, 1.5);
            row[FieldCatalog.NvlinkTxBytesPerSec - 1] = 0;
            row[FieldCatalog.NvlinkRxBytesPerSec - 1] = 0;
            return;
        }

        var rx = job.PcieShare * model.PcieBytesPerSec * (0.2 + (0.8 * util)) * random.Between(0.7, 1.3);

        // A checkpoint streams weights and optimizer state to the host.
        var tx = job.IsCheckpointing(t) ? model.PcieBytesPerSec * random.Between(0.3, 0.6) : rx * 0.35;
        var nvlink = Math.Min(model.NvlinkBytesPerSec, job.NvlinkShare * model.NvlinkBytesPerSec * util * random.Between(0.8, 1.2));
        row[FieldCatalog.PcieTxBytesPerSec - 1] = tx;
        row[FieldCatalog.PcieRxBytesPerSec - 1] = rx;
        row[FieldCatalog.NvlinkTxBytesPerSec - 1] = nvlink;
        row[FieldCatalog.NvlinkRxBytesPerSec - 1] = nvlink * random.Between(0.97, 1.03);
    }

    private static void WriteErrors(SimulatedGpu gpu, Span<double> row)
    {
        row[FieldCatalog.EccSbeDelta - 1] = gpu.PendingSbe;
        row[FieldCatalog.EccDbeDelta - 1] = gpu.PendingDbe;
        row[FieldCatalog.RowRemapPending - 1] = gpu.RowRemapPending ? 1 : 0;
        row[FieldCatalog.RowRemapFailure - 1] = gpu.RowRemapFailure ? 1 : 0;
        row[FieldCatalog.NvlinkCrcErrorsDelta - 1] = gpu.PendingCrc;
        row[FieldCatalog.PcieReplayDelta - 1] = gpu.PendingReplay;
        gpu.PendingSbe = gpu.PendingDbe = gpu.PendingCrc = gpu.PendingReplay = 0;
    }
}
