namespace Telemetry.Benchmarks.Micro;

/// <summary>How many GPU samples (rows) one call of the benchmark handles, for <see cref="PerSampleColumn"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SamplesPerOperationAttribute(int samples) : Attribute
{
    /// <summary>Samples per operation.</summary>
    public int Samples { get; } = samples;
}
