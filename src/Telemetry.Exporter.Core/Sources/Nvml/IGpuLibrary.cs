namespace Telemetry.Exporter.Sources.Nvml;

/// <summary>
/// The NVML calls the exporter makes, one to one with nvml.h but with device indexes for handles, so
/// <see cref="NvmlSource"/>'s mapping (units, unsupported values, counters, XIDs) is tested against a fake.
/// Every call returns NVML's code; a value is meaningful only with <see cref="NvmlReturn.Success"/>.
/// </summary>
internal interface IGpuLibrary : IDisposable
{
    /// <summary>nvmlInit_v2 and nvmlDeviceGetCount_v2; then devices are 0 … <see cref="DeviceCount"/> − 1.</summary>
    NvmlReturn Init();

    int DeviceCount { get; }

    /// <summary>nvmlSystemGetDriverVersion, or "unknown".</summary>
    string DriverVersion { get; }

    /// <summary>nvmlErrorString.</summary>
    string ErrorString(NvmlReturn code);

    /// <summary>nvmlDeviceGetUUID and nvmlDeviceGetName.</summary>
    NvmlReturn GetIdentity(int device, out string uuid, out string name);

    /// <summary>nvmlDeviceGetUtilizationRates: GPU and memory-controller busy, %.</summary>
    NvmlReturn GetUtilization(int device, out uint gpuPercent, out uint memoryPercent);

    /// <summary>nvmlDeviceGetMemoryInfo: framebuffer total and used, bytes.</summary>
    NvmlReturn GetMemory(int device, out ulong totalBytes, out ulong usedBytes);

    /// <summary>nvmlDeviceGetTemperature with NVML_TEMPERATURE_GPU, °C.</summary>
    NvmlReturn GetGpuTemperature(int device, out uint celsius);

    /// <summary>nvmlDeviceGetPowerUsage, mW.</summary>
    NvmlReturn GetPowerUsage(int device, out uint milliwatts);

    /// <summary>nvmlDeviceGetEnforcedPowerLimit, mW.</summary>
    NvmlReturn GetEnforcedPowerLimit(int device, out uint milliwatts);

    /// <summary>nvmlDeviceGetClockInfo, MHz.</summary>
    NvmlReturn GetClock(int device, NvmlClock clock, out uint megahertz);

    /// <summary>nvmlDeviceGetCurrentClocksEventReasons, or the older nvmlDeviceGetCurrentClocksThrottleReasons (the same bitmask).</summary>
    NvmlReturn GetClockEventReasons(int device, out ulong reasons);

    /// <summary>nvmlDeviceGetTotalEccErrors, volatile counter (since the driver loaded), corrected or uncorrected.</summary>
    NvmlReturn GetVolatileEccErrors(int device, bool uncorrected, out ulong count);

    /// <summary>nvmlDeviceGetRemappedRows: whether a remapping is pending and whether one failed.</summary>
    NvmlReturn GetRemappedRows(int device, out bool pending, out bool failed);

    /// <summary>nvmlDeviceGetPcieThroughput, KB/s over the last 20 ms.</summary>
    NvmlReturn GetPcieThroughput(int device, bool receive, out uint kilobytesPerSecond);

    /// <summary>nvmlDeviceGetPcieReplayCounter (a running total).</summary>
    NvmlReturn GetPcieReplayCounter(int device, out uint count);

    /// <summary>nvmlDeviceGetFieldValues: <paramref name="values"/>[i] is the value of <paramref name="requests"/>[i], NaN where that field failed.</summary>
    NvmlReturn GetFieldValues(int device, ReadOnlySpan<NvmlFieldRequest> requests, Span<double> values);

    /// <summary>nvmlEventSetCreate and nvmlDeviceRegisterEvents(nvmlEventTypeXidCriticalError) on every device that supports it.</summary>
    NvmlReturn RegisterXidEvents();

    /// <summary>nvmlEventSetWait_v2: the next XID, or <see cref="NvmlReturn.Timeout"/> when none came within <paramref name="timeoutMs"/>.</summary>
    NvmlReturn WaitForXid(uint timeoutMs, out NvmlXid xid);
}
