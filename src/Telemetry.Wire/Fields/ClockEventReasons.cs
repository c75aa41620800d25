namespace Telemetry.Fields;

/// <summary>
/// Bits of <c>clock_event_reasons</c> (NVML's nvmlClocksEventReasons / DCGM_FI_DEV_CLOCK_EVENT_REASONS)
/// that mean the GPU is being held back by power or heat rather than by choice.
/// </summary>
[Flags]
public enum ClockEventReasons : long
{
    None = 0,
    GpuIdle = 0x1,
    ApplicationsClocksSetting = 0x2,
    SwPowerCap = 0x4,
    HwSlowdown = 0x8,
    SyncBoost = 0x10,
    SwThermalSlowdown = 0x20,
    HwThermalSlowdown = 0x40,
    HwPowerBrakeSlowdown = 0x80,
    DisplayClockSetting = 0x100,

    /// <summary>The bits that count as thermal or power throttling for the health rules.</summary>
    Throttling = SwPowerCap | HwSlowdown | SwThermalSlowdown | HwThermalSlowdown | HwPowerBrakeSlowdown,
}
