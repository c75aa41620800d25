namespace Telemetry.Exporter.Sources;

/// <summary>Where the <c>run</c> command's samples come from: NVML, a dcgm-exporter endpoint, or nvidia-smi.</summary>
public interface IGpuSource : IAsyncDisposable
{
    /// <summary>What the source reads, for the start-up line, e.g. <c>nvml (8 GPUs, driver 570.86)</c>.</summary>
    string Description { get; }

    /// <summary>Prepares the source (loads a library, starts a process); throws <see cref="GpuSourceException"/> when it cannot work at all.</summary>
    Task StartAsync(CancellationToken ct);

    /// <summary>The GPUs' current values; empty when nothing new is known. Throws <see cref="GpuSourceException"/> on a failed read.</summary>
    Task<IReadOnlyList<GpuReading>> ReadAsync(CancellationToken ct);
}
