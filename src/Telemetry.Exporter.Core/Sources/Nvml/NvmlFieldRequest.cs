namespace Telemetry.Exporter.Sources.Nvml;

/// <summary>One NVML field value to read with <c>nvmlDeviceGetFieldValues</c>: its <c>NVML_FI_*</c> id and scope (a link id, or all links).</summary>
internal readonly record struct NvmlFieldRequest(uint FieldId, uint ScopeId = 0)
{
    /// <summary>NVML_FI_DEV_NVLINK_CRC_FLIT_ERROR_COUNT_TOTAL: flow-control CRC errors, all lanes (a running total).</summary>
    public const uint NvlinkCrcFlitErrorsTotal = 38;

    /// <summary>NVML_FI_DEV_MEMORY_TEMP: memory (HBM) temperature, °C.</summary>
    public const uint MemoryTemperature = 82;

    /// <summary>NVML_FI_DEV_NVLINK_THROUGHPUT_DATA_TX: NVLink data sent, KiB (a running total).</summary>
    public const uint NvlinkDataTxKib = 138;

    /// <summary>NVML_FI_DEV_NVLINK_THROUGHPUT_DATA_RX: NVLink data received, KiB (a running total).</summary>
    public const uint NvlinkDataRxKib = 139;

    /// <summary>The scope id that sums a throughput counter over every link (nvml.h: UINT_MAX).</summary>
    public const uint AllLinks = uint.MaxValue;
}
