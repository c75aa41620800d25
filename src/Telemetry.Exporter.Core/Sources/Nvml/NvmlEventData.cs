using System.Runtime.InteropServices;

namespace Telemetry.Exporter.Sources.Nvml;

/// <summary>
/// nvmlEventData_t: <c>nvmlDevice_t device; unsigned long long eventType, eventData; unsigned int gpuInstanceId,
/// computeInstanceId</c> (32 bytes). For an XID event, <c>eventData</c> is the XID code.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NvmlEventData
{
    public nint Device;
    public ulong EventType;
    public ulong EventData;
    public uint GpuInstanceId;
    public uint ComputeInstanceId;
}
