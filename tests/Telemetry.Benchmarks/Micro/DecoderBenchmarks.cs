using System.Buffers;
using BenchmarkDotNet.Attributes;
using Telemetry.Wire;

namespace Telemetry.Benchmarks.Micro;

/// <summary>
/// The wire decoder on realistic bodies (8 GPUs × 10 samples × 23 float32 fields a report), and the encoder
/// for reference. Per-call allocation here is what every ingest request pays before any grain sees it.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PerSampleConfig))]
public class DecoderBenchmarks
{
    private const int ManyReports = 50;

    private readonly WireLimits _limits = new();
    private readonly DateTimeOffset _now = SyntheticNode.Start.AddSeconds(2);
    private readonly ArrayBufferWriter<byte> _output = new(64 * 1024);
    private ReadOnlyMemory<byte> _oneReport;
    private ReadOnlyMemory<byte> _manyReports;
    private NodeReport _report = null!;

    [GlobalSetup]
    public void Setup()
    {
        _oneReport = SyntheticNode.Body(1);
        _manyReports = SyntheticNode.Body(ManyReports);
        _report = SyntheticNode.Report(1, seq: 1, SyntheticNode.Start.ToUnixTimeMilliseconds());

        // Measuring the rejection path by mistake would look fast; refuse to run instead.
        foreach (var body in new[] { _oneReport, _manyReports })
        {
            if (!NodeReportReader.TryReadAll(body, _limits, _now, out _, out var error))
            {
                throw new InvalidOperationException($"The synthetic body does not decode: {error}");
            }
        }

        Console.WriteLine($"// Body sizes: 1 report {_oneReport.Length:N0} B, {ManyReports} reports {_manyReports.Length:N0} B");
    }

    [Benchmark(Baseline = true)]
    [SamplesPerOperation(SyntheticNode.SamplesPerReport)]
    public List<NodeReport> DecodeOneReport()
    {
        NodeReportReader.TryReadAll(_oneReport, _limits, _now, out var reports, out _);
        return reports;
    }

    [Benchmark]
    [SamplesPerOperation(ManyReports * SyntheticNode.SamplesPerReport)]
    public List<NodeReport> DecodeFiftyReports()
    {
        NodeReportReader.TryReadAll(_manyReports, _limits, _now, out var reports, out _);
        return reports;
    }

    [Benchmark]
    [SamplesPerOperation(SyntheticNode.SamplesPerReport)]
    public int EncodeOneReport()
    {
        _output.ResetWrittenCount();
        NodeReportWriter.Write(_output, _report, singlePrecision: true);
        return _output.WrittenCount;
    }
}
