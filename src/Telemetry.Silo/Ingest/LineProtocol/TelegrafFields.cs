using System.Collections.Frozen;
using Telemetry.Fields;

namespace Telemetry.Silo.Ingest.LineProtocol;

/// <summary>
/// Telegraf's <c>nvidia_smi</c> fields and the wire field each fills (units match: %, MiB, °C, W, MHz). Fields not
/// listed (fan speed, encoder and decoder statistics, PCIe link generation, …) are ignored.
/// </summary>
public static class TelegrafFields
{
    public const string Measurement = "nvidia_smi";

    /// <summary>Framebuffer free and reserved MiB: with used they make the total when <c>memory_total</c> is absent.</summary>
    public const string MemoryFree = "memory_free";

    public const string MemoryReserved = "memory_reserved";

    public static FrozenDictionary<string, int> ByName { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["utilization_gpu"] = FieldCatalog.GpuUtilPct,
        ["utilization_memory"] = FieldCatalog.MemCopyUtilPct,
        ["memory_used"] = FieldCatalog.FbUsedMib,
        ["memory_total"] = FieldCatalog.FbTotalMib,
        ["temperature_gpu"] = FieldCatalog.GpuTempC,
        ["power_draw"] = FieldCatalog.PowerW,
        ["power_limit"] = FieldCatalog.PowerLimitW,
        ["clocks_current_sm"] = FieldCatalog.SmClockMhz,
        ["clocks_current_memory"] = FieldCatalog.MemClockMhz,

        // Strings "Yes"/"No" in Telegraf's output (nvidia-smi's own words).
        ["remapped_rows_pending"] = FieldCatalog.RowRemapPending,
        ["remapped_rows_failure"] = FieldCatalog.RowRemapFailure,
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
