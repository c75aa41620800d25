using BenchmarkDotNet.Attributes;
using Telemetry.Fields;
using Telemetry.Grains.Windows;
using Telemetry.State;
using Telemetry.Wire;

namespace Telemetry.Benchmarks.Micro;

/// <summary>
/// One GPU's windows in steady state: an hour of one-second blocks already applied, so every field,
/// ring slot and history slot exists and each new block rolls the 1-second (and every tenth, the 10-second) buckets.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PerSampleConfig))]
public class WindowBenchmarks
{
    private const long BlockMs = SyntheticNode.SamplesPerGpu * SyntheticGpu.StepMs;
    private const int WarmBlocks = 3_700;

    private GpuWindows _windows = null!;
    private GpuSamples _block = null!;

    [GlobalSetup]
    public void Setup()
    {
        _windows = new GpuWindows();
        _block = SyntheticGpu.Block(1, 0, SyntheticNode.Start.ToUnixTimeMilliseconds(), SyntheticNode.SamplesPerGpu);
        for (var i = 0; i < WarmBlocks; i++)
        {
            _windows.Add(_block);
            SyntheticGpu.Advance(_block, BlockMs);
        }
    }

    [Benchmark]
    [SamplesPerOperation(SyntheticNode.SamplesPerGpu)]
    public long Add()
    {
        SyntheticGpu.Advance(_block, BlockMs);
        _windows.Add(_block);
        return _windows.SampleCount;
    }

    [Benchmark]
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, WindowStats>> Snapshot() => _windows.Snapshot();

    [Benchmark]
    public HistoryPoint[] HistoryUtilHour() => _windows.History(FieldCatalog.GpuUtilPct, 60);
}
