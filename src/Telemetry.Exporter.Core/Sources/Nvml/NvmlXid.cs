namespace Telemetry.Exporter.Sources.Nvml;

/// <summary>An XID that NVML's event set reported: the device index and the XID code.</summary>
internal readonly record struct NvmlXid(int Device, int Code);
