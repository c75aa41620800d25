using BenchmarkDotNet.Attributes;
using Telemetry.Grains.Events;
using Telemetry.Grains.Windows;
using Telemetry.Silo.Sink;
using Telemetry.Wire;

namespace Telemetry.Benchmarks.Micro;

/// <summary>
/// What the InfluxDB sink adds to a GPU's hot path: <see cref="WindowBenchmarks.Add"/>'s one-second block at 10 Hz,
/// plus closing a 10-second bucket every tenth block and formatting its rollup as line protocol (the work done on the
/// grain's turn when the sink is on). Compare its per-sample time with <see cref="WindowBenchmarks.Add"/>'s.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PerSampleConfig))]
public class SinkBenchmarks
{
    private const long BlockMs = SyntheticNode.SamplesPerGpu * SyntheticGpu.StepMs;
    private const int WarmBlocks = 3_700;

    private readonly RollupCursor _cursor = new();
    private GpuWindows _windows = null!;
    private GpuSamples _block = null!;
    private RollupEmitter _emit = null!;
    private GpuRollup _rollup = null!;
    private long _chars;

    [GlobalSetup]
    public void Setup()
    {
        _windows = new GpuWindows();
        _block = SyntheticGpu.Block(1, 0, SyntheticNode.Start.ToUnixTimeMilliseconds(), SyntheticNode.SamplesPerGpu);
        _emit = (long bucket, ReadOnlySpan<double> means, ReadOnlySpan<double> maxes, int rows) =>
        {
            _rollup = new GpuRollup
            {
                Uuid = _block.Uuid,
                Node = SyntheticNode.NodeId(1),
                DataCenter = "dc1",
                Model = SyntheticGpu.Model,
                JobId = "job-1234",
                BucketStartMs = bucket * 10_000,
                Samples = rows,
                Means = means.ToArray(),
                Maxes = maxes.ToArray(),
            };
            _chars += InfluxPoints.Gpu(_rollup)!.Length;
        };
        for (var i = 0; i < WarmBlocks; i++)
        {
            _windows.Add(_block);
            _cursor.Advance(_windows, _emit);
            SyntheticGpu.Advance(_block, BlockMs);
        }
    }

    [Benchmark]
    [SamplesPerOperation(SyntheticNode.SamplesPerGpu)]
    public long AddWithRollups()
    {
        SyntheticGpu.Advance(_block, BlockMs);
        _windows.Add(_block);
        _cursor.Advance(_windows, _emit);
        return _chars;
    }

    [Benchmark]
    public string? FormatRollup() => InfluxPoints.Gpu(_rollup);
}
