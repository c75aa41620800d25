using BenchmarkDotNet.Configs;

namespace Telemetry.Benchmarks.Micro;

/// <summary>Adds the per-sample time and allocation columns; jobs come from the command line (<c>--job short</c>).</summary>
public sealed class PerSampleConfig : ManualConfig
{
    public PerSampleConfig() => AddColumn(PerSampleColumn.Time, PerSampleColumn.Allocated);
}
