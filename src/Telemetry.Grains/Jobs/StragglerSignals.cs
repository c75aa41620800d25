namespace Telemetry.Grains.Jobs;

/// <summary>The signals of a job window, in the order the API lists them; the throughput ones are compared.</summary>
public static class StragglerSignals
{
    private const string CheckClocks = "check clocks and cooling";

    public static StragglerSignal SmActive { get; } = new("sm_active", w => w.SmActive, true, 0.05, 2, "check the GPU's host (CPU, data loading, NUMA) and its clocks");

    public static StragglerSignal SmClock { get; } = new("sm_clock_mhz", w => w.SmClockMhz, true, 100, 0, CheckClocks);

    public static StragglerSignal Power { get; } = new("power_w", w => w.PowerW, true, 50, 0, CheckClocks);

    public static StragglerSignal Nvlink { get; } = new("nvlink_bytes_s", w => w.NvlinkBytesPerSec, true, 1e9, 1, "run diagnostics on the GPU's NVLink links (CRC errors, link state)");

    public static StragglerSignal Pcie { get; } = new("pcie_bytes_s", w => w.PcieBytesPerSec, true, 5e8, 1, "check the PCIe link (trained width and speed)");

    public static StragglerSignal GpuUtil { get; } = new("gpu_util_pct", w => w.GpuUtilPct, false, 0, 0, "");

    public static StragglerSignal GpuTemp { get; } = new("gpu_temp_c", w => w.GpuTempC, false, 0, 0, "");

    public static StragglerSignal MemTemp { get; } = new("mem_temp_c", w => w.MemTempC, false, 0, 0, "");

    /// <summary>Every signal with a job median, compared ones first.</summary>
    public static IReadOnlyList<StragglerSignal> All { get; } = [SmActive, SmClock, Power, Nvlink, Pcie, GpuUtil, GpuTemp, MemTemp];

    /// <summary>The name under which a GPU's clock-event reason bits are shown (not a median: a bit mask).</summary>
    public const string ClockEventReasons = "clock_event_reasons";
}
