using Telemetry.Wire;

namespace Telemetry.Grains;

/// <summary>A GPU's share of one node report, with the report's identity so the GPU can refuse a replay.</summary>
[GenerateSerializer, Immutable, Alias("telemetry.GpuReport")]
public sealed record GpuReport(
    [property: Id(0)] string NodeId,
    [property: Id(1)] string BootId,
    [property: Id(2)] ulong Seq,
    [property: Id(3)] GpuSamples Samples);
