using System.Collections.Frozen;

namespace Telemetry.Fields;

/// <summary>
/// The field table of wire format v1. Decoded samples are stored in canonical column order
/// (column = id − 1), so every consumer can index a sample row without a lookup.
/// </summary>
public static class FieldCatalog
{
    /// <summary>Number of fields this server knows (ids 1..Count).</summary>
    public const int Count = 23;

    /// <summary>Highest id an exporter may send; ids above <see cref="Count"/> up to this are reserved and skipped.</summary>
    public const int MaxWireId = 255;

    public const int GpuUtilPct = 1;
    public const int MemCopyUtilPct = 2;
    public const int SmActive = 3;
    public const int TensorActive = 4;
    public const int FbUsedMib = 5;
    public const int FbTotalMib = 6;
    public const int GpuTempC = 7;
    public const int MemTempC = 8;
    public const int PowerW = 9;
    public const int PowerLimitW = 10;
    public const int SmClockMhz = 11;
    public const int MemClockMhz = 12;
    public const int ClockEventReasons = 13;
    public const int PcieTxBytesPerSec = 14;
    public const int PcieRxBytesPerSec = 15;
    public const int NvlinkTxBytesPerSec = 16;
    public const int NvlinkRxBytesPerSec = 17;
    public const int EccSbeDelta = 18;
    public const int EccDbeDelta = 19;
    public const int RowRemapPending = 20;
    public const int RowRemapFailure = 21;
    public const int NvlinkCrcErrorsDelta = 22;
    public const int PcieReplayDelta = 23;

    /// <summary>Every known field, in id order (index = column).</summary>
    public static IReadOnlyList<FieldInfo> All { get; } =
    [
        new(GpuUtilPct, "gpu_util_pct", "%", "DCGM_FI_DEV_GPU_UTIL"),
        new(MemCopyUtilPct, "mem_copy_util_pct", "%", "DCGM_FI_DEV_MEM_COPY_UTIL"),
        new(SmActive, "sm_active", "ratio 0-1", "DCGM_FI_PROF_SM_ACTIVE"),
        new(TensorActive, "tensor_active", "ratio 0-1", "DCGM_FI_PROF_PIPE_TENSOR_ACTIVE"),
        new(FbUsedMib, "fb_used_mib", "MiB", "DCGM_FI_DEV_FB_USED"),
        new(FbTotalMib, "fb_total_mib", "MiB", "DCGM_FI_DEV_FB_TOTAL"),
        new(GpuTempC, "gpu_temp_c", "°C", "DCGM_FI_DEV_GPU_TEMP"),
        new(MemTempC, "mem_temp_c", "°C", "DCGM_FI_DEV_MEMORY_TEMP"),
        new(PowerW, "power_w", "W", "DCGM_FI_DEV_POWER_USAGE"),
        new(PowerLimitW, "power_limit_w", "W", "DCGM_FI_DEV_ENFORCED_POWER_LIMIT"),
        new(SmClockMhz, "sm_clock_mhz", "MHz", "DCGM_FI_DEV_SM_CLOCK"),
        new(MemClockMhz, "mem_clock_mhz", "MHz", "DCGM_FI_DEV_MEM_CLOCK"),
        new(ClockEventReasons, "clock_event_reasons", "bitmask", "DCGM_FI_DEV_CLOCK_EVENT_REASONS"),
        new(PcieTxBytesPerSec, "pcie_tx_bytes_s", "B/s", "DCGM_FI_PROF_PCIE_TX_BYTES"),
        new(PcieRxBytesPerSec, "pcie_rx_bytes_s", "B/s", "DCGM_FI_PROF_PCIE_RX_BYTES"),
        new(NvlinkTxBytesPerSec, "nvlink_tx_bytes_s", "B/s", "DCGM_FI_PROF_NVLINK_TX_BYTES"),
        new(NvlinkRxBytesPerSec, "nvlink_rx_bytes_s", "B/s", "DCGM_FI_PROF_NVLINK_RX_BYTES"),
        new(EccSbeDelta, "ecc_sbe_delta", "count", "DCGM_FI_DEV_ECC_SBE_VOL_TOTAL (delta)"),
        new(EccDbeDelta, "ecc_dbe_delta", "count", "DCGM_FI_DEV_ECC_DBE_VOL_TOTAL (delta)"),
        new(RowRemapPending, "row_remap_pending", "0/1", "DCGM_FI_DEV_ROW_REMAP_PENDING"),
        new(RowRemapFailure, "row_remap_failure", "0/1", "DCGM_FI_DEV_ROW_REMAP_FAILURE"),
        new(NvlinkCrcErrorsDelta, "nvlink_crc_errors_delta", "count", "DCGM_FI_DEV_NVLINK_CRC_FLIT_ERROR_COUNT_TOTAL (delta)"),
        new(PcieReplayDelta, "pcie_replay_delta", "count", "DCGM_FI_DEV_PCIE_REPLAY_COUNTER (delta)"),
    ];

    private static readonly FrozenDictionary<string, int> IdsByName =
        All.ToFrozenDictionary(f => f.Name, f => f.Id, StringComparer.Ordinal);

    /// <summary>True when <paramref name="id"/> is a field this server knows.</summary>
    public static bool IsKnown(int id) => id is >= 1 and <= Count;

    /// <summary>The field's name; the id must be known.</summary>
    public static string NameOf(int id) => All[id - 1].Name;

    /// <summary>Looks a field up by its snake_case name.</summary>
    public static bool TryGetId(string name, out int id) => IdsByName.TryGetValue(name, out id);
}
