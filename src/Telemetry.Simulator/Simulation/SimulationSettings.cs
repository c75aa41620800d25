namespace Telemetry.Exporter.Simulation;

/// <summary>What every simulated node shares: report shape and event rates.</summary>
/// <param name="IntervalMs">Time between a node's reports, ms.</param>
/// <param name="SamplesPerReport">Samples per GPU per report, evenly spaced within the interval.</param>
/// <param name="XidRatePerGpuHour">XID faults per GPU-hour.</param>
public sealed record SimulationSettings(double IntervalMs, int SamplesPerReport, double XidRatePerGpuHour)
{
    /// <summary>Correctable single-bit ECC errors per GPU-hour (a handful a day across a large fleet's busy GPUs).</summary>
    public double SbeRatePerGpuHour { get; init; } = 0.02;

    /// <summary>NVLink CRC error bursts per GPU-hour.</summary>
    public double NvlinkCrcRatePerGpuHour { get; init; } = 0.01;

    /// <summary>PCIe replay bursts per GPU-hour.</summary>
    public double PcieReplayRatePerGpuHour { get; init; } = 0.005;

    /// <summary>Straggler faults (<see cref="StragglerKind"/>) per GPU-hour of a job of 4 GPUs or more; 0 by default.</summary>
    public double StragglerRatePerGpuHour { get; init; }

    /// <summary>Demand 0–1 instead of the daily load curve; null follows the curve (the time of day).</summary>
    public double? Load { get; init; }

    /// <summary>Time between two samples, ms.</summary>
    public double StepMs => IntervalMs / SamplesPerReport;
}
