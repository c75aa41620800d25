namespace Telemetry.Exporter.Simulation;

/// <summary>The physical limits the simulator gives one GPU model.</summary>
/// <param name="Name">Model name as NVML reports it, e.g. <c>NVIDIA B200</c>.</param>
/// <param name="PowerLimitW">Enforced power limit, W.</param>
/// <param name="IdlePowerW">Board power with nothing running, W.</param>
/// <param name="FbTotalMib">Framebuffer NVML reports as total, MiB.</param>
/// <param name="MaxSmClockMhz">Highest boost SM clock, MHz.</param>
/// <param name="IdleSmClockMhz">SM clock at idle, MHz.</param>
/// <param name="MemClockMhz">HBM clock, MHz.</param>
/// <param name="SlowdownTempC">GPU temperature where thermal slowdown starts, °C.</param>
/// <param name="NvlinkBytesPerSec">NVLink bandwidth per direction, B/s.</param>
/// <param name="PcieBytesPerSec">Host link bandwidth per direction, B/s.</param>
public sealed record GpuModelSpec(
    string Name,
    double PowerLimitW,
    double IdlePowerW,
    double FbTotalMib,
    double MaxSmClockMhz,
    double IdleSmClockMhz,
    double MemClockMhz,
    double SlowdownTempC,
    double NvlinkBytesPerSec,
    double PcieBytesPerSec)
{
    /// <summary>HGX B200: 1,000 W, 192 GB HBM3e (183,359 MiB usable), NVLink 5 (900 GB/s each way), PCIe Gen5.</summary>
    public static GpuModelSpec B200 { get; } = new("NVIDIA B200", 1000, 140, 183_359, 1965, 345, 3996, 87, 900e9, 64e9);

    /// <summary>HGX H200: 700 W, 141 GB HBM3e (143,771 MiB usable), NVLink 4 (450 GB/s each way), PCIe Gen5.</summary>
    public static GpuModelSpec H200 { get; } = new("NVIDIA H200", 700, 120, 143_771, 1980, 345, 3201, 87, 450e9, 64e9);

    /// <summary>The models the simulator knows.</summary>
    public static IReadOnlyList<GpuModelSpec> Known { get; } = [B200, H200];

    /// <summary>Finds a known model by its full name or short name (<c>B200</c>), ignoring case.</summary>
    public static bool TryFind(string name, out GpuModelSpec spec)
    {
        var trimmed = name.Trim();
        foreach (var known in Known)
        {
            if (string.Equals(known.Name, trimmed, StringComparison.OrdinalIgnoreCase)
                || string.Equals(known.Name["NVIDIA ".Length..], trimmed, StringComparison.OrdinalIgnoreCase))
            {
                spec = known;
                return true;
            }
        }

        spec = B200;
        return false;
    }
}
