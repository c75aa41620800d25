using System.Runtime.InteropServices;

namespace Telemetry.Exporter.Sources.Nvml;

/// <summary>
/// The NVML entry points (nvml.h), bound to <c>libnvidia-ml.so.1</c>, the name the NVIDIA driver installs (the
/// unversioned <c>libnvidia-ml.so</c> comes only with development packages). Handles (<c>nvmlDevice_t</c>,
/// <c>nvmlEventSet_t</c>) are opaque pointers; C enums are ints.
/// </summary>
internal static unsafe partial class NvmlNative
{
    public const string Library = "libnvidia-ml.so.1";

    /// <summary>nvmlEventTypeXidCriticalError.</summary>
    public const ulong EventTypeXidCriticalError = 0x8;

    /// <summary>NVML_DEVICE_UUID_V2_BUFFER_SIZE and NVML_DEVICE_NAME_V2_BUFFER_SIZE.</summary>
    public const int TextBufferSize = 96;

    /// <summary>NVML_SYSTEM_DRIVER_VERSION_BUFFER_SIZE.</summary>
    public const int DriverVersionBufferSize = 80;

    [LibraryImport(Library)]
    public static partial NvmlReturn nvmlInit_v2();

    [LibraryImport(Library)]
    public static partial NvmlReturn nvmlShutdown();

    [LibraryImport(Library)]
    public static partial nint nvmlErrorString(NvmlReturn result);

    [LibraryImport(Library)]
    public static partial NvmlReturn nvmlSystemGetDriverVersion(byte* version, uint length);

    [LibraryImport(Library)]
    public static partial NvmlReturn nvmlDeviceGetCount_v2(uint* deviceCount);

    [LibraryImport(Library)]
    public static partial NvmlReturn nvmlDeviceGetHandleByIndex_v2(uint index, nint* device);

    [LibraryImport(Library)]
    public static partial NvmlReturn nvmlDeviceGetUUID(nint device, byte* uuid, uint length);

    [LibraryImport(Library)]
    public static partial NvmlReturn nvmlDeviceGetName(nint device, byte* name, uint length);

    [LibraryImport(Library)]
    public static partial NvmlReturn nvmlDeviceGetUtilizationRates(nint device, NvmlUtilization* utilization);

    [LibraryImport(Library)]
    public static partial NvmlReturn nvmlDeviceGetMemoryInfo(nint device, NvmlMemory* memory);

    /// <summary><paramref name="sensorType"/> 0 is NVML_TEMPERATURE_GPU.</summary>
    [LibraryImport(Library)]
    public static partial NvmlReturn nvmlDeviceGetTemperature(nint device, int sensorType, uint* temperature);

    [LibraryImport(Library)]
    public static partial NvmlReturn nvmlDeviceGetPowerUsage(nint device, uint* power);

    [LibraryImport(Library)]
    public static partial NvmlReturn nvmlDeviceGetEnforcedPowerLimit(nint device, uint* limit);

    [LibraryImport(Library)]
    public static partial NvmlReturn nvmlDeviceGetClockInfo(nint device, int type, uint* clock);

    /// <summary>Newer drivers' name for the deprecated ThrottleReasons call; the same bitmask.</summary>
    [LibraryImport(Library)]
    public static partial NvmlReturn nvmlDeviceGetCurrentClocksEventReasons(nint device, ulong* reasons);

    [LibraryImport(Library)]
    public static partial NvmlReturn nvmlDeviceGetCurrentClocksThrottleReasons(nint device, ulong* reasons);

    /// <summary><paramref name="errorType"/>: 0 corrected, 1 uncorrected; <paramref name="counterType"/>: 0 volatile, 1 aggregate.</summary>
    [LibraryImport(Library)]
    public static partial NvmlReturn nvmlDeviceGetTotalEccErrors(nint device, int errorType, int counterType, ulong* eccCounts);

    [LibraryImport(Library)]
    public static partial NvmlReturn nvmlDeviceGetRemappedRows(nint device, uint* corrRows, uint* uncRows, uint* isPending, uint* failureOccurred);

    /// <summary><paramref name="counter"/>: 0 NVML_PCIE_UTIL_TX_BYTES, 1 NVML_PCIE_UTIL_RX_BYTES; KB/s.</summary>
    [LibraryImport(Library)]
    public static partial NvmlReturn nvmlDeviceGetPcieThroughput(nint device, int counter, uint* value);

    [LibraryImport(Library)]
    public static partial NvmlReturn nvmlDeviceGetPcieReplayCounter(nint device, uint* value);

    [LibraryImport(Library)]
    public static partial NvmlReturn nvmlDeviceGetFieldValues(nint device, int valuesCount, NvmlFieldValue* values);

    [LibraryImport(Library)]
    public static partial NvmlReturn nvmlEventSetCreate(nint* set);

    [LibraryImport(Library)]
    public static partial NvmlReturn nvmlDeviceRegisterEvents(nint device, ulong eventTypes, nint set);

    [LibraryImport(Library)]
    public static partial NvmlReturn nvmlEventSetWait_v2(nint set, NvmlEventData* data, uint timeoutms);

    [LibraryImport(Library)]
    public static partial NvmlReturn nvmlEventSetFree(nint set);
}
