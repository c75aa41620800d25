using System.Collections.Frozen;
using Telemetry.Fields;

namespace Telemetry.Exporter.Sources.Dcgm;

/// <summary>dcgm-exporter metric names and the wire field each one fills; every unit already matches the field's.</summary>
internal static class DcgmFieldMap
{
    /// <summary>The last XID the GPU raised; a change to a non-zero value is a new XID.</summary>
    public const string XidErrors = "DCGM_FI_DEV_XID_ERRORS";

    /// <summary>Framebuffer free and reserved MiB: with FB_USED they make the total when FB_TOTAL is not exported.</summary>
    public const string FbFree = "DCGM_FI_DEV_FB_FREE";

    public const string FbReserved = "DCGM_FI_DEV_FB_RESERVED";

    public static FrozenDictionary<string, int> Fields { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["DCGM_FI_DEV_GPU_UTIL"] = FieldCatalog.GpuUtilPct,
        ["DCGM_FI_DEV_MEM_COPY_UTIL"] = FieldCatalog.MemCopyUtilPct,
        ["DCGM_FI_PROF_SM_ACTIVE"] = FieldCatalog.SmActive,
        ["DCGM_FI_PROF_PIPE_TENSOR_ACTIVE"] = FieldCatalog.TensorActive,
        ["DCGM_FI_DEV_FB_USED"] = FieldCatalog.FbUsedMib,
        ["DCGM_FI_DEV_FB_TOTAL"] = FieldCatalog.FbTotalMib,
        ["DCGM_FI_DEV_GPU_TEMP"] = FieldCatalog.GpuTempC,
        ["DCGM_FI_DEV_MEMORY_TEMP"] = FieldCatalog.MemTempC,
        ["DCGM_FI_DEV_POWER_USAGE"] = FieldCatalog.PowerW,
        ["DCGM_FI_DEV_ENFORCED_POWER_LIMIT"] = FieldCatalog.PowerLimitW,
        ["DCGM_FI_DEV_SM_CLOCK"] = FieldCatalog.SmClockMhz,
        ["DCGM_FI_DEV_MEM_CLOCK"] = FieldCatalog.MemClockMhz,
        ["DCGM_FI_DEV_CLOCK_EVENT_REASONS"] = FieldCatalog.ClockEventReasons,

        // The same field under its name before DCGM 3.3.
        ["DCGM_FI_DEV_CLOCK_THROTTLE_REASONS"] = FieldCatalog.ClockEventReasons,
        ["DCGM_FI_PROF_PCIE_TX_BYTES"] = FieldCatalog.PcieTxBytesPerSec,
        ["DCGM_FI_PROF_PCIE_RX_BYTES"] = FieldCatalog.PcieRxBytesPerSec,
        ["DCGM_FI_PROF_NVLINK_TX_BYTES"] = FieldCatalog.NvlinkTxBytesPerSec,
        ["DCGM_FI_PROF_NVLINK_RX_BYTES"] = FieldCatalog.NvlinkRxBytesPerSec,
        ["DCGM_FI_DEV_ECC_SBE_VOL_TOTAL"] = FieldCatalog.EccSbeDelta,
        ["DCGM_FI_DEV_ECC_DBE_VOL_TOTAL"] = FieldCatalog.EccDbeDelta,
        ["DCGM_FI_DEV_ROW_REMAP_PENDING"] = FieldCatalog.RowRemapPending,
        ["DCGM_FI_DEV_ROW_REMAP_FAILURE"] = FieldCatalog.RowRemapFailure,
        ["DCGM_FI_DEV_NVLINK_CRC_FLIT_ERROR_COUNT_TOTAL"] = FieldCatalog.NvlinkCrcErrorsDelta,
        ["DCGM_FI_DEV_PCIE_REPLAY_COUNTER"] = FieldCatalog.PcieReplayDelta,
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
