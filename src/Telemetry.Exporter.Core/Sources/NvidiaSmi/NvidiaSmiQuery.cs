using Telemetry.Fields;

namespace Telemetry.Exporter.Sources.NvidiaSmi;

/// <summary>
/// The <c>--query-gpu</c> columns the exporter asks nvidia-smi for, in order, and the field each fills. Only
/// properties every current driver knows are asked for: one unknown name makes nvidia-smi refuse the whole query.
/// </summary>
internal static class NvidiaSmiQuery
{
    /// <summary>Columns 0–2 are identity; the rest map to fields (units already match with <c>nounits</c>).</summary>
    public static IReadOnlyList<(string Property, int Field)> Columns { get; } =
    [
        ("index", 0),
        ("uuid", 0),
        ("name", 0),
        ("utilization.gpu", FieldCatalog.GpuUtilPct),
        ("utilization.memory", FieldCatalog.MemCopyUtilPct),
        ("memory.used", FieldCatalog.FbUsedMib),
        ("memory.total", FieldCatalog.FbTotalMib),
        ("temperature.gpu", FieldCatalog.GpuTempC),
        ("temperature.memory", FieldCatalog.MemTempC),
        ("power.draw", FieldCatalog.PowerW),
        ("enforced.power.limit", FieldCatalog.PowerLimitW),
        ("clocks.sm", FieldCatalog.SmClockMhz),
        ("clocks.mem", FieldCatalog.MemClockMhz),
        ("clocks_throttle_reasons.active", FieldCatalog.ClockEventReasons),
        ("ecc.errors.corrected.volatile.total", FieldCatalog.EccSbeDelta),
        ("ecc.errors.uncorrected.volatile.total", FieldCatalog.EccDbeDelta),
    ];

    /// <summary>The arguments: CSV without header or units, a row per GPU every <paramref name="periodMs"/>.</summary>
    public static string[] Arguments(int periodMs) =>
    [
        "--query-gpu=" + string.Join(',', Columns.Select(c => c.Property)),
        "--format=csv,noheader,nounits",
        "-lms",
        periodMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
    ];
}
