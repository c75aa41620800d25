using System.Runtime.InteropServices;

namespace Telemetry.Exporter.Sources.Nvml;

/// <summary>nvmlMemory_t: <c>unsigned long long total, free, used</c> (bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NvmlMemory
{
    public ulong Total;
    public ulong Free;
    public ulong Used;
}
