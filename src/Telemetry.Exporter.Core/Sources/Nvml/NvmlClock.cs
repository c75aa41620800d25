namespace Telemetry.Exporter.Sources.Nvml;

/// <summary>NVML's <c>nvmlClockType_t</c> values that are read.</summary>
internal enum NvmlClock
{
    Sm = 1,
    Memory = 2,
}
