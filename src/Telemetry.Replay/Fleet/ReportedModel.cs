namespace Telemetry.Replay.Fleet;

/// <summary>What a trace model's GPUs report: the name NVML gives and the limits their simulated signals keep within.</summary>
/// <param name="Name">Model name as NVML reports it (what placement's <c>model</c> matches).</param>
/// <param name="PowerLimitW">Enforced power limit, W.</param>
/// <param name="IdlePowerW">Board power with nothing running, W.</param>
/// <param name="FbTotalMib">Framebuffer, MiB.</param>
/// <param name="MaxSmClockMhz">Highest boost SM clock, MHz.</param>
/// <param name="SlowdownTempC">Temperature where thermal slowdown starts, °C.</param>
public sealed record ReportedModel(string Name, double PowerLimitW, double IdlePowerW, double FbTotalMib, double MaxSmClockMhz, double SlowdownTempC);
