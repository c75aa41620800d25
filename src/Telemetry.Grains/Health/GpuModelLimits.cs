namespace Telemetry.Grains.Health;

/// <summary>The gpu_temp_c above which a GPU is degraded, by model name (°C).</summary>
public static class GpuModelLimits
{
    /// <summary>
    /// Limit for models not in the table: 85 °C, a conservative default below every current
    /// data-center GPU's slowdown temperature.
    /// </summary>
    public const double DefaultMaxTemperatureC = 85;

    /// <summary>
    /// The limit for a model name as the exporter sends it (e.g. <c>NVIDIA H100 80GB HBM3</c>), matched by
    /// the part number it contains. Values are each board's "GPU Max Operating Temp" as nvidia-smi -q
    /// reports it where we know it; the rest are conservative defaults to be replaced by the board's reading.
    /// </summary>
    public static double MaxTemperatureC(string? model)
    {
        if (string.IsNullOrEmpty(model))
        {
            return DefaultMaxTemperatureC;
        }

        // GB200 contains B200 and GH200 contains H200, on purpose: same GPU die, same limit.
        if (model.Contains("B200", StringComparison.OrdinalIgnoreCase))
        {
            return 87; // conservative default (HGX B200 air/liquid cooled; no published max operating temp at hand)
        }

        if (model.Contains("H200", StringComparison.OrdinalIgnoreCase))
        {
            return 87; // conservative default, same as H100 (same Hopper board and cooler envelope)
        }

        if (model.Contains("H100", StringComparison.OrdinalIgnoreCase))
        {
            return 87; // nvidia-smi -q "GPU Max Operating Temp" on H100 SXM5 boards
        }

        if (model.Contains("A100", StringComparison.OrdinalIgnoreCase))
        {
            return 85; // nvidia-smi -q "GPU Max Operating Temp" on A100 SXM4 boards
        }

        return DefaultMaxTemperatureC;
    }
}
