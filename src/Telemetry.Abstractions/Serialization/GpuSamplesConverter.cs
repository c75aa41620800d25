using Telemetry.Wire;

namespace Telemetry.Serialization;

/// <summary>Converts <see cref="GpuSamples"/> to and from its Orleans surrogate.</summary>
[RegisterConverter]
public sealed class GpuSamplesConverter : IConverter<GpuSamples, GpuSamplesSurrogate>
{
    public GpuSamples ConvertFromSurrogate(in GpuSamplesSurrogate surrogate) => new()
    {
        Index = surrogate.Index,
        Uuid = surrogate.Uuid,
        Model = surrogate.Model,
        JobId = surrogate.JobId,
        Timestamps = surrogate.Timestamps,
        Values = surrogate.Values,
        Xids = surrogate.Xids,
    };

    public GpuSamplesSurrogate ConvertToSurrogate(in GpuSamples value) =>
        new(value.Index, value.Uuid, value.Model, value.JobId, value.Timestamps, value.Values, value.Xids);
}
