using Telemetry.Grains.Health;
using Telemetry.Health;
using Telemetry.State;

namespace Telemetry.Grains.Nodes;

/// <summary>How far a node is from its thermal and power limits, 0 (at a limit) to 1 (cool and idle).</summary>
public static class NodeHeadroom
{
    /// <summary>Temperature counted as no load at all, °C: headroom is measured from here to the model's limit.</summary>
    public const double CoolC = 30;

    /// <summary>The lesser of the hottest GPU's thermal headroom and the node's power headroom; 1 when nothing is measured.</summary>
    public static double Of(IEnumerable<GpuBrief> gpus)
    {
        var thermal = 1.0;
        double power = 0, limit = 0;
        foreach (var gpu in gpus)
        {
            if (gpu.Health == HealthState.Offline)
            {
                continue;
            }

            if (gpu.TempC is { } temp)
            {
                var max = GpuModelLimits.MaxTemperatureC(gpu.Model);
                thermal = Math.Min(thermal, (max - temp) / (max - CoolC));
            }

            if (gpu.PowerW is { } watts && gpu.PowerLimitW is > 0 and { } cap)
            {
                power += watts;
                limit += cap;
            }
        }

        var powerHeadroom = limit > 0 ? 1 - (power / limit) : 1;
        return Math.Round(Math.Clamp(Math.Min(thermal, powerHeadroom), 0, 1), 3);
    }
}
