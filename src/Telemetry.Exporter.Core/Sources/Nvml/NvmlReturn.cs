namespace Telemetry.Exporter.Sources.Nvml;

/// <summary>NVML's <c>nvmlReturn_t</c> codes (nvml.h) that this exporter tells apart.</summary>
internal enum NvmlReturn
{
    Success = 0,
    Uninitialized = 1,
    InvalidArgument = 2,
    NotSupported = 3,
    NoPermission = 4,
    NotFound = 6,
    InsufficientSize = 7,
    DriverNotLoaded = 9,
    Timeout = 10,
    LibraryNotFound = 12,
    FunctionNotFound = 13,
    GpuIsLost = 15,
    Unknown = 999,
}
