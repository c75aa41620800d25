namespace Telemetry.Exporter.Running;

/// <summary>Where the <c>run</c> command reads the GPUs.</summary>
public enum SourceKind
{
    /// <summary>NVML through <c>libnvidia-ml.so.1</c>, in process.</summary>
    Nvml,

    /// <summary>A dcgm-exporter endpoint's Prometheus text.</summary>
    DcgmExporter,

    /// <summary><c>nvidia-smi --query-gpu</c>, running continuously.</summary>
    NvidiaSmi,
}
