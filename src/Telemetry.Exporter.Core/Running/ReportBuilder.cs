using Telemetry.Exporter.Sources;
using Telemetry.Wire;

namespace Telemetry.Exporter.Running;

/// <summary>
/// Collects a node's readings between two reports and turns them into one <see cref="NodeReport"/>: S samples per
/// GPU, counters as deltas, the XIDs raised meanwhile. Pure: time is an argument.
/// </summary>
/// <param name="nodeId">The node id, <c>dc/host</c>.</param>
/// <param name="bootId">This exporter instance's id; <c>seq</c> counts from 1 under it.</param>
/// <param name="hostBootId">The host's boot id (<see cref="HostBoot"/>), sent so the silo can tell a reboot from an exporter restart; null sends none.</param>
internal sealed class ReportBuilder(string nodeId, string bootId, string? hostBootId = null)
{
    /// <summary>WIRE.md's bound on GPUs per report (and on the GPU index).</summary>
    public const int MaxGpus = 64;

    private readonly Dictionary<string, PendingGpu> _gpus = new(StringComparer.Ordinal);
    private readonly CounterDeltas _deltas = new();
    private ulong _seq;

    /// <summary>GPU samples collected since the last report.</summary>
    public int SampleCount { get; private set; }

    /// <summary>XIDs collected since the last report.</summary>
    public int XidCount { get; private set; }

    /// <summary>Adds one sampling round taken at <paramref name="timestampMs"/> (Unix ms).</summary>
    public void Add(long timestampMs, IReadOnlyList<GpuReading> readings)
    {
        foreach (var reading in readings)
        {
            var values = (double[])reading.Values.Clone();
            _deltas.Apply(reading.Uuid, values);
            if (!_gpus.TryGetValue(reading.Uuid, out var gpu))
            {
                if (_gpus.Count == MaxGpus || reading.Index is < 0 or >= MaxGpus)
                {
                    continue;
                }

                _gpus[reading.Uuid] = gpu = new PendingGpu();
            }

            if (gpu.Add(timestampMs, reading, values))
            {
                SampleCount++;
                XidCount += reading.Xids.Count;
            }
        }
    }

    /// <summary>The report of everything collected since the last one, or null when nothing was; starts the next.</summary>
    public NodeReport? Build()
    {
        var blocks = _gpus
            .Where(g => g.Value.Timestamps.Count > 0)
            .Select(g => g.Value.ToSamples(g.Key))
            .OrderBy(g => g.Index)
            .ToArray();
        foreach (var gpu in _gpus.Values)
        {
            gpu.Clear();
        }

        SampleCount = 0;
        XidCount = 0;
        return blocks.Length == 0 ? null : new NodeReport { NodeId = nodeId, Seq = ++_seq, BootId = bootId, Gpus = blocks, HostBootId = hostBootId };
    }
}
