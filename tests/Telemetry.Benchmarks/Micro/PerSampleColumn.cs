using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Telemetry.Benchmarks.Micro;

/// <summary>
/// Mean time or allocation divided by the samples a call handles (<see cref="SamplesPerOperationAttribute"/>),
/// so paths that take blocks of different sizes compare per sample; "-" for benchmarks without the attribute.
/// </summary>
public sealed class PerSampleColumn : IColumn
{
    private readonly bool _allocated;

    private PerSampleColumn(bool allocated) => _allocated = allocated;

    /// <summary>Nanoseconds per sample.</summary>
    public static IColumn Time { get; } = new PerSampleColumn(allocated: false);

    /// <summary>Bytes allocated per sample.</summary>
    public static IColumn Allocated { get; } = new PerSampleColumn(allocated: true);

    public string Id => nameof(PerSampleColumn) + (_allocated ? ".Allocated" : ".Time");

    public string ColumnName => _allocated ? "B/sample" : "ns/sample";

    public bool AlwaysShow => true;

    public ColumnCategory Category => _allocated ? ColumnCategory.Metric : ColumnCategory.Statistics;

    public int PriorityInCategory => 10;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => _allocated
        ? "Managed bytes allocated per GPU sample (row) handled"
        : "Mean time per GPU sample (row) handled, in nanoseconds";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var samples = benchmarkCase.Descriptor.WorkloadMethod.GetCustomAttribute<SamplesPerOperationAttribute>()?.Samples;
        var report = summary[benchmarkCase];
        if (samples is not > 0 || report is null)
        {
            return "-";
        }

        if (_allocated)
        {
            var bytes = report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase);
            return bytes is { } b ? (b / (double)samples.Value).ToString("N1", CultureInfo.InvariantCulture) : "-";
        }

        return report.ResultStatistics is { } stats
            ? (stats.Mean / samples.Value).ToString("N1", CultureInfo.InvariantCulture)
            : "-";
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public override string ToString() => ColumnName;
}
