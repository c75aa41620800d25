using Telemetry.Benchmarks.Hosting;
using Telemetry.Benchmarks.Ingest;

namespace Telemetry.Benchmarks.Memory;

/// <summary>A silo's runtime counters from its <c>/metrics</c> (the runtime's own meter): JIT work and bytes allocated.</summary>
/// <param name="Methods">Methods compiled since the process started (tier-0, tier-1 and on-stack replacement compiles all count).</param>
/// <param name="JitSeconds">Time spent compiling since the process started.</param>
/// <param name="AllocatedBytes">Bytes allocated on the managed heap since the process started.</param>
internal readonly record struct RuntimeReading(double Methods, double JitSeconds, double AllocatedBytes)
{
    /// <summary>What a peer (not .NET) reads: nothing.</summary>
    public static RuntimeReading None => new(double.NaN, double.NaN, double.NaN);

    public static async Task<RuntimeReading> ReadAsync(HttpClient client, IngestTarget target, CancellationToken cancellationToken)
    {
        var metrics = await SiloMetrics.ReadAsync(client, target.Server.BaseAddress, cancellationToken);
        return new RuntimeReading(
            metrics.GetValueOrDefault("dotnet_jit_compiled_methods_total", double.NaN),
            metrics.GetValueOrDefault("dotnet_jit_compilation_time_seconds_total", double.NaN),
            metrics.GetValueOrDefault("dotnet_gc_heap_total_allocated_bytes_total", double.NaN));
    }

    public static RuntimeReading operator -(RuntimeReading a, RuntimeReading b) =>
        new(a.Methods - b.Methods, a.JitSeconds - b.JitSeconds, a.AllocatedBytes - b.AllocatedBytes);
}
