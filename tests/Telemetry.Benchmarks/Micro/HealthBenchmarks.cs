using BenchmarkDotNet.Attributes;
using Telemetry.Grains.Health;
using Telemetry.Grains.Nodes;
using Telemetry.State;
using Telemetry.Wire;

namespace Telemetry.Benchmarks.Micro;

/// <summary>
/// Health rules per report in steady state: a GPU's tracker on a clean block and on one with an XID and
/// throttling (its rules already active, so the verdict does not change), the node's evaluation over 8 GPUs,
/// and the node monitor's work for one 8-GPU report. Sample and server time advance one second a call.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PerSampleConfig))]
public class HealthBenchmarks
{
    private const long BlockMs = SyntheticNode.SamplesPerGpu * SyntheticGpu.StepMs;
    private const int WarmBlocks = 180;
    private const int ContainedEccXid = 94;

    private static readonly TimeSpan OfflineAfter = TimeSpan.FromSeconds(10);

    private GpuHealthTracker _cleanTracker = null!;
    private GpuHealthTracker _faultyTracker = null!;
    private GpuSamples _cleanBlock = null!;
    private GpuSamples _faultyBlock = null!;
    private NodeHealthEvaluator _evaluator = null!;
    private GpuBrief[] _healthyBriefs = null!;
    private GpuBrief[] _oneDegradedBriefs = null!;
    private NodeMonitor _monitor = null!;
    private NodeReport _report = null!;
    private DateTimeOffset _now;

    [GlobalSetup]
    public void Setup()
    {
        var startMs = SyntheticNode.Start.ToUnixTimeMilliseconds();
        _now = SyntheticNode.Start;
        _cleanTracker = new GpuHealthTracker(_now);
        _faultyTracker = new GpuHealthTracker(_now);
        _cleanBlock = SyntheticGpu.Block(1, 0, startMs, SyntheticNode.SamplesPerGpu);
        _faultyBlock = SyntheticGpu.Block(1, 1, startMs, SyntheticNode.SamplesPerGpu, throttled: true, xids: [ContainedEccXid]);
        for (var i = 0; i < WarmBlocks; i++)
        {
            ObserveClean();
            ObserveXidsAndThrottling();
        }

        _report = SyntheticNode.Report(1, seq: 1, startMs);
        _healthyBriefs = SyntheticNode.Briefs(_report);
        _oneDegradedBriefs = SyntheticNode.Briefs(_report, oneDegraded: true);
        _evaluator = new NodeHealthEvaluator(_now);
        _monitor = new NodeMonitor(_report.NodeId, new NodeMonitorOptions(), _now);
        for (var i = 0; i < WarmBlocks; i++)
        {
            NodeMonitorAppliedAndReassess();
        }
    }

    [Benchmark(Baseline = true)]
    [SamplesPerOperation(SyntheticNode.SamplesPerGpu)]
    public bool ObserveClean()
    {
        SyntheticGpu.Advance(_cleanBlock, BlockMs);
        _now = _now.AddSeconds(1);
        return _cleanTracker.Observe(_cleanBlock, hostRebooted: false, _now);
    }

    [Benchmark]
    [SamplesPerOperation(SyntheticNode.SamplesPerGpu)]
    public bool ObserveXidsAndThrottling()
    {
        SyntheticGpu.Advance(_faultyBlock, BlockMs);
        _now = _now.AddSeconds(1);
        return _faultyTracker.Observe(_faultyBlock, hostRebooted: false, _now);
    }

    [Benchmark]
    public bool EvaluateEightHealthyGpus() =>
        _evaluator.Evaluate(_healthyBriefs, _now, _now.AddMilliseconds(-100), OfflineAfter, _now);

    [Benchmark]
    public bool EvaluateEightGpusOneDegraded() =>
        _evaluator.Evaluate(_oneDegradedBriefs, _now, _now.AddMilliseconds(-100), OfflineAfter, _now);

    [Benchmark]
    [SamplesPerOperation(SyntheticNode.SamplesPerReport)]
    public bool NodeMonitorAppliedAndReassess()
    {
        foreach (var gpu in _report.Gpus)
        {
            SyntheticGpu.Advance(gpu, BlockMs);
        }

        _now = _now.AddSeconds(1);
        _monitor.Applied(_report, _healthyBriefs, _now);
        return _monitor.Reassess(_now);
    }
}
