namespace Telemetry.Jobs;

/// <summary>
/// One GPU's 10-second summary for its job: the means of the signals the job compares its GPUs on.
/// Sent once per closed 10-second bucket of sample time, never per report; NaN where nothing measured a signal.
/// </summary>
[GenerateSerializer, Immutable, Alias("telemetry.JobWindow")]
public sealed record JobWindow
{
    /// <summary>The GPU's UUID.</summary>
    [Id(0)] public required string Uuid { get; init; }

    /// <summary>The GPU's node, <c>&lt;datacenter&gt;/&lt;host&gt;</c>.</summary>
    [Id(1)] public required string Node { get; init; }

    /// <summary>The bucket's start, Unix milliseconds of sample time (a multiple of 10,000).</summary>
    [Id(2)] public required long BucketStartMs { get; init; }

    /// <summary>Mean sm_active, ratio 0–1.</summary>
    [Id(3)] public double SmActive { get; init; } = double.NaN;

    /// <summary>Mean gpu_util_pct, %.</summary>
    [Id(4)] public double GpuUtilPct { get; init; } = double.NaN;

    /// <summary>Mean power_w, W.</summary>
    [Id(5)] public double PowerW { get; init; } = double.NaN;

    /// <summary>Mean sm_clock_mhz, MHz.</summary>
    [Id(6)] public double SmClockMhz { get; init; } = double.NaN;

    /// <summary>Mean NVLink throughput, transmit plus receive, B/s.</summary>
    [Id(7)] public double NvlinkBytesPerSec { get; init; } = double.NaN;

    /// <summary>Mean PCIe throughput, transmit plus receive, B/s.</summary>
    [Id(8)] public double PcieBytesPerSec { get; init; } = double.NaN;

    /// <summary>Mean gpu_temp_c, °C.</summary>
    [Id(9)] public double GpuTempC { get; init; } = double.NaN;

    /// <summary>Mean mem_temp_c, °C.</summary>
    [Id(10)] public double MemTempC { get; init; } = double.NaN;

    /// <summary>Every clock_event_reasons bit set in any sample of the bucket (NVML's bits); 0 when none or not measured.</summary>
    [Id(11)] public long ClockEventReasons { get; init; }
}
