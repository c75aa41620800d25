namespace Telemetry.Exporter.Simulation;

/// <summary>
/// xoshiro256** with SplitMix64 seeding: a few nanoseconds a draw and fully determined by its seed,
/// which <see cref="Random"/> with a seed does not promise across runtime versions.
/// </summary>
/// <remarks>A mutable struct: keep it in a field and pass it by <c>ref</c>, never by value.</remarks>
internal struct FastRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public FastRandom(ulong seed)
    {
        _s0 = SplitMix(ref seed);
        _s1 = SplitMix(ref seed);
        _s2 = SplitMix(ref seed);
        _s3 = SplitMix(ref seed);
    }

    /// <summary>One step of SplitMix64; also a good 64-bit mixer for deriving seeds.</summary>
    public static ulong SplitMix(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, <paramref name="maxExclusive"/>).</summary>
    public int Next(int maxExclusive) => (int)(((NextUInt64() >> 32) * (ulong)maxExclusive) >> 32);

    /// <summary>Uniform in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public double Between(double min, double max) => min + (NextDouble() * (max - min));

    /// <summary>Uniform in ±<paramref name="amplitude"/>: cheaper than Gaussian noise and good enough for gauges.</summary>
    public double Noise(double amplitude) => ((NextDouble() * 2) - 1) * amplitude;

    /// <summary>An exponential draw with the given mean (waiting time of a Poisson process).</summary>
    public double Exponential(double mean) => -Math.Log(1 - NextDouble()) * mean;

    /// <summary>A standard normal draw (Box–Muller); used per job, not per sample.</summary>
    public double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - NextDouble())) * Math.Cos(2 * Math.PI * NextDouble());
}
