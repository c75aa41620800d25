using Telemetry.Wire;

namespace Telemetry.Grains;

/// <summary>
/// A GPU's share of one node report, with the report's identity so the GPU can refuse a replay, and the host's
/// boot id (null when the exporter does not send one), whose change is the evidence of a reset.
/// </summary>
[GenerateSerializer, Immutable, Alias("telemetry.GpuReport")]
public sealed record GpuReport(
    [property: Id(0)] string NodeId,
    [property: Id(1)] string BootId,
    [property: Id(2)] ulong Seq,
    [property: Id(3)] GpuSamples Samples,
    [property: Id(4)] string? HostBootId = null);
