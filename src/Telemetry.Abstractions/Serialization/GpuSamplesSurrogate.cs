using Telemetry.Wire;

namespace Telemetry.Serialization;

/// <summary>How a <see cref="GpuSamples"/> block crosses a grain boundary.</summary>
[GenerateSerializer, Immutable, Alias("telemetry.GpuSamples")]
public readonly record struct GpuSamplesSurrogate(
    [property: Id(0)] int Index,
    [property: Id(1)] string Uuid,
    [property: Id(2)] string Model,
    [property: Id(3)] string? JobId,
    [property: Id(4)] long[] Timestamps,
    [property: Id(5)] double[] Values,
    [property: Id(6)] int[] Xids);
