using System.Runtime.InteropServices;

namespace Telemetry.Exporter.Sources.Nvml;

/// <summary>nvmlUtilization_t: <c>unsigned int gpu, memory</c> (percent).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NvmlUtilization
{
    public uint Gpu;
    public uint Memory;
}
