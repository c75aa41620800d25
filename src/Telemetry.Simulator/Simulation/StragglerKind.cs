namespace Telemetry.Exporter.Simulation;

/// <summary>The gray failures that make a GPU hold its job back without crossing an absolute limit.</summary>
public enum StragglerKind
{
    /// <summary>Thermally throttled: SM clock and power well down, with the HW slowdown and HW thermal reason bits.</summary>
    ThermalThrottle,

    /// <summary>The PCIe link trained down (x16 to x4): host traffic at a quarter.</summary>
    PcieTrainedDown,

    /// <summary>A degraded NVLink: peer traffic well down, with CRC flit errors.</summary>
    DegradedNvlink,

    /// <summary>Clocks stuck low with no clock-event reason bit (application clocks, a stuck power state).</summary>
    SilentLowClock,
}
