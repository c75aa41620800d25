using Telemetry.Health;

namespace Telemetry.Grains;

/// <summary>What a GPU grain writes to durable storage: its identity and its health, when the verdict changes.</summary>
[GenerateSerializer, Alias("telemetry.GpuDurableState")]
public sealed class GpuDurableState
{
    [Id(0)] public string? NodeId { get; set; }
    [Id(1)] public string Model { get; set; } = "";
    [Id(2)] public int Index { get; set; }
    [Id(3)] public string? JobId { get; set; }
    [Id(4)] public HealthMemory? Health { get; set; }

    /// <summary>The host boot id of the GPU's last report that carried one: a different one later means the host rebooted.</summary>
    [Id(5)] public string? HostBootId { get; set; }
}
