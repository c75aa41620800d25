using Telemetry.Exporter.Simulation.Scenarios;
using Telemetry.Fields;
using Telemetry.Wire;

namespace Telemetry.Exporter.Simulation;

/// <summary>
/// One simulated node: its GPUs, jobs and faults, producing a <see cref="NodeReport"/> on demand.
/// Time is an argument, never read from a clock, so tests drive hours of simulated time in milliseconds
/// and the same seed and times always give the same reports.
/// </summary>
public sealed partial class NodeSimulator
{
    private readonly SimulationSettings _settings;
    private readonly FaultModel _faults;
    private readonly SimulatedGpu[] _gpus;
    private readonly long[] _timestamps;
    private readonly Dictionary<string, double> _gauges = new(StringComparer.Ordinal);
    private FastRandom _random;
    private long _lastSampleMs = long.MinValue;
    private readonly List<InjectedStraggler> _stragglers = [];

    /// <param name="nodeId">The node id, <c>dc/host</c>.</param>
    /// <param name="model">The model of every GPU on the node.</param>
    /// <param name="gpuCount">GPUs on the node.</param>
    /// <param name="settings">Report shape and event rates.</param>
    /// <param name="identitySeed">Names the hardware (GPU UUIDs); stable across runs.</param>
    /// <param name="signalSeed">Drives jobs, noise and faults.</param>
    /// <param name="bootId">This exporter instance's id.</param>
    /// <param name="uuids">The GPUs' UUIDs by index, when the caller names the hardware (a replay's fleet); null draws them from <paramref name="identitySeed"/>.</param>
    public NodeSimulator(string nodeId, GpuModelSpec model, int gpuCount, SimulationSettings settings, ulong identitySeed, ulong signalSeed, string bootId, IReadOnlyList<string>? uuids = null)
    {
        NodeId = nodeId;
        Model = model;
        BootId = bootId;

        // The simulated host's boot id is hardware-like: the same across simulator restarts with the same seed (no reboot).
        var host = new FastRandom(GpuUuids.NodeSeed(identitySeed, nodeId) ^ 0xB007UL);
        HostBootId = $"{host.NextUInt64():x16}{host.NextUInt64():x16}";
        _settings = settings;
        _faults = new FaultModel(settings);
        _timestamps = new long[settings.SamplesPerReport];

        var hardware = new FastRandom(GpuUuids.NodeSeed(identitySeed, nodeId));
        _random = new FastRandom(GpuUuids.NodeSeed(signalSeed, nodeId) ^ 0x5DEECE66DUL);
        _gpus = new SimulatedGpu[gpuCount];
        for (var i = 0; i < gpuCount; i++)
        {
            var drawn = GpuUuids.Next(ref hardware);
            _gpus[i] = new SimulatedGpu(i, uuids?[i] ?? drawn, settings.SamplesPerReport)
            {
                // Most GPUs sit within a few degrees of each other; a few percent run hot.
                CoolingOffsetC = hardware.NextDouble() < 0.03 ? hardware.Between(10, 16) : hardware.Between(0, 6),
            };
        }
    }

    public string NodeId { get; }

    public string BootId { get; private set; }

    /// <summary>The simulated host's boot id, sent in every report.</summary>
    public string HostBootId { get; private set; }

    public GpuModelSpec Model { get; }

    /// <summary>The scenario the node lives through, its data center's name, its index there and the data center's size; none for steady running.</summary>
    public (Scenario Scenario, string DataCenter, int Index, int Nodes)? ScenarioSlot { get; set; }

    /// <summary>What the scenario imposes on this node at <paramref name="tMs"/>.</summary>
    public NodeCondition ConditionAt(long tMs) =>
        ScenarioSlot is var (scenario, dc, index, nodes) ? scenario.At(dc, index, nodes, tMs) : NodeCondition.Normal;

    /// <summary>Seq of the last report produced; 0 before the first.</summary>
    public ulong Seq { get; private set; }

    /// <summary>The node's GPU UUIDs, by index.</summary>
    public IEnumerable<string> GpuUuidList => _gpus.Select(g => g.Uuid);

    /// <summary>Ground truth: every straggler fault injected on this node so far, oldest first (a copy, safe to take at any time).</summary>
    public InjectedStraggler[] Stragglers()
    {
        lock (_stragglers)
        {
            return [.. _stragglers.Select(s => s with { })];
        }
    }

    /// <summary>XIDs raised so far.</summary>
    public long XidCount { get; private set; }

    /// <summary>Samples in one report (GPUs × samples per report).</summary>
    public int SamplesPerReport => _gpus.Length * _settings.SamplesPerReport;

    /// <summary>The next report: S samples per GPU, evenly spaced over the interval that ends at <paramref name="nowMs"/>.</summary>
    public NodeReport Generate(long nowMs)
    {
        var samples = _settings.SamplesPerReport;
        var stepMs = _settings.StepMs;
        var windowStart = nowMs - (long)_settings.IntervalMs;
        var load = _settings.Load ?? DailyLoadCurve.At(nowMs);
        var first = _lastSampleMs == long.MinValue;
        if (first)
        {
            Start(windowStart, load);
        }

        var condition = ConditionAt(nowMs);
        if (!ExternalJobs)
        {
            JobPlanner.Plan(_gpus, windowStart, load, ref _random, warmStart: first);
            if (condition.BusyShare is { } share)
            {
                var busy = (int)Math.Round(share * _gpus.Length);
                JobPlanner.Release(_gpus, busy, windowStart, load, ref _random);
                JobPlanner.Occupy(_gpus, busy, windowStart, ref _random);
            }
        }

        EndStragglers(windowStart);
        if (condition.Straggler is { } scripted)
        {
            InjectScripted(scripted, windowStart);
        }

        for (var i = 0; i < samples; i++)
        {
            _timestamps[i] = nowMs - (long)Math.Round((samples - 1 - i) * stepMs);
        }

        var step = SampleStep.For(stepMs);
        var firstStep = first ? step : SampleStep.For(_timestamps[0] - _lastSampleMs);
        var blocks = new GpuSamples[_gpus.Length];
        foreach (var gpu in _gpus)
        {
            var jobId = gpu.Job?.Id;
            gpu.Xids.Clear();
            TakeRaisedXids(gpu);
            for (var s = 0; s < samples; s++)
            {
                var t = _timestamps[s];
                _faults.Advance(gpu, t, ref _random);
                var row = gpu.Values.AsSpan(s * FieldCatalog.Count, FieldCatalog.Count);
                SignalModel.Sample(gpu, Model, t, s == 0 ? firstStep : step, load, ref _random, row);
                if (gpu.StragglerDue)
                {
                    gpu.StragglerDue = false;
                    TryInject(gpu, (StragglerKind)_random.Next(4), t);
                }

                if (gpu.Straggler is { } fault && gpu.Job is { } running && t < running.EndsAtMs)
                {
                    StragglerFaults.Apply(fault.Kind, Model, ref _random, row);
                }

                if (condition.Throttled)
                {
                    Overheat(row);
                }
            }

            if (condition.StruckByXid && gpu.Index == 0 && !gpu.IsDeadAt(nowMs))
            {
                // XID 79 (fallen off the bus): the GPU is lost from this report on.
                gpu.Xids.Add(79);
                gpu.DeadSinceMs = nowMs;
            }

            XidCount += gpu.Xids.Count;
            blocks[gpu.Index] = Block(gpu, jobId);
        }

        _lastSampleMs = nowMs;
        UpdateGauges(samples);
        return new NodeReport { NodeId = NodeId, Seq = ++Seq, BootId = BootId, Gpus = blocks, Gauges = _gauges, HostBootId = HostBootId };
    }

    // The block's arrays are the GPU's reused ones, so a block whose job and XIDs are unchanged is the last one
    // again: reusing it spares a node's eight block allocations on most reports.
    private GpuSamples Block(SimulatedGpu gpu, string? jobId)
    {
        if (gpu.Block is { } last && ReferenceEquals(last.JobId, jobId) && last.Xids.Length == 0 && gpu.Xids.Count == 0)
        {
            return last;
        }

        return gpu.Block = new GpuSamples
        {
            Index = gpu.Index,
            Uuid = gpu.Uuid,
            Model = Model.Name,
            JobId = jobId,
            Timestamps = _timestamps,
            Values = gpu.Values,
            Xids = gpu.Xids.Count == 0 ? [] : [.. gpu.Xids],
        };
    }

    // A fault belongs to the GPU's time in one job: it ends with the job, or when the GPU leaves it.
    private void EndStragglers(long windowStart)
    {
        foreach (var gpu in _gpus)
        {
            if (gpu.Straggler is { } fault && (gpu.Job?.Id != fault.JobId || gpu.IsDeadAt(windowStart)))
            {
                lock (_stragglers)
                {
                    fault.EndMs = _lastSampleMs;
                }

                gpu.Straggler = null;
            }
        }
    }

    // The scenario's fault goes to the last GPU of the node's largest job that has none yet.
    private void InjectScripted(StragglerKind kind, long atMs)
    {
        var target = _gpus.Where(g => g.Job is { HasStraggler: false } j && j.GpuCount >= StragglerFaults.MinJobGpus && !g.IsDeadAt(atMs))
            .OrderByDescending(g => g.Job!.GpuCount).ThenByDescending(g => g.Index).FirstOrDefault();
        if (target is not null)
        {
            TryInject(target, kind, atMs);
        }
    }

    private void TryInject(SimulatedGpu gpu, StragglerKind kind, long atMs)
    {
        if (gpu.Straggler is not null || gpu.Job is not { HasStraggler: false } job || job.GpuCount < StragglerFaults.MinJobGpus || gpu.IsDeadAt(atMs))
        {
            return;
        }

        job.HasStraggler = true;
        gpu.Straggler = new InjectedStraggler(gpu.Uuid, NodeId, job.Id, job.GpuCount, kind, atMs);
        lock (_stragglers)
        {
            _stragglers.Add(gpu.Straggler);
        }
    }

    // Cooling fails: over the slowdown temperature, with the thermal clock-event reasons set.
    private void Overheat(Span<double> row)
    {
        row[FieldCatalog.GpuTempC - 1] = Math.Max(row[FieldCatalog.GpuTempC - 1], Model.SlowdownTempC + 4);
        row[FieldCatalog.ClockEventReasons - 1] = (double)((ClockEventReasons)(long)row[FieldCatalog.ClockEventReasons - 1] | ClockEventReasons.SwThermalSlowdown | ClockEventReasons.HwThermalSlowdown);
    }

    private void Start(long windowStart, double load)
    {
        foreach (var gpu in _gpus)
        {
            _faults.Schedule(gpu, windowStart, ref _random);

            // Start mid-life: some GPUs are between jobs, the rest get back-dated jobs.
            gpu.IdleUntilMs = _random.NextDouble() < 0.1 + (0.3 * (1 - load))
                ? windowStart + (long)_random.Exponential(JobPlanner.IdleGapMeanMs(load))
                : 0;
        }
    }

    private void UpdateGauges(int samples)
    {
        var lastRow = (samples - 1) * FieldCatalog.Count;
        double util = 0;
        double nvlink = 0;
        foreach (var gpu in _gpus)
        {
            util += gpu.Values[lastRow + FieldCatalog.GpuUtilPct - 1];
            nvlink += gpu.Values[lastRow + FieldCatalog.NvlinkTxBytesPerSec - 1];
        }

        util /= Math.Max(1, _gpus.Length * 100.0);
        const double memTotal = 2.0 * 1024 * 1024 * 1024 * 1024;
        _gauges["cpu_util_pct"] = Math.Round(3 + (22 * util) + _random.Noise(1.5), 1);
        _gauges["mem_total_bytes"] = memTotal;
        _gauges["mem_used_bytes"] = Math.Round(memTotal * (0.04 + (0.5 * util)));

        // Multi-node jobs talk over InfiniBand roughly in step with their NVLink traffic.
        _gauges["net_rx_bytes_s"] = Math.Round((nvlink * 0.05) + 1e6);
        _gauges["net_tx_bytes_s"] = Math.Round((nvlink * 0.05) + 1e6);
    }
}
