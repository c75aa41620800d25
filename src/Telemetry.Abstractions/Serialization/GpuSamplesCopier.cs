using Orleans.Serialization.Cloning;
using Telemetry.Wire;

namespace Telemetry.Serialization;

/// <summary>A GPU's block of a decoded report is never changed, so a call inside one silo passes it without copying.</summary>
[RegisterCopier]
public sealed class GpuSamplesCopier : ShallowCopier<GpuSamples>;
