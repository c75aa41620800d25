using Telemetry.Exporter.Sources;
using Telemetry.Fields;
using Telemetry.Wire;

namespace Telemetry.Exporter.Running;

/// <summary>One GPU's samples waiting for the next report.</summary>
internal sealed class PendingGpu
{
    private readonly List<double> _values = [];
    private readonly List<int> _xids = [];
    private int _index;
    private string _model = "";
    private string? _jobId;

    public List<long> Timestamps { get; } = [];

    /// <summary>Adds a sample; false (and nothing added) when its time is not after the previous one's.</summary>
    public bool Add(long timestampMs, GpuReading reading, double[] values)
    {
        if (Timestamps.Count > 0 && timestampMs <= Timestamps[^1])
        {
            return false;
        }

        Timestamps.Add(timestampMs);
        _values.AddRange(values);
        _xids.AddRange(reading.Xids);
        _index = reading.Index;
        _model = reading.Model;
        _jobId = reading.JobId;
        return true;
    }

    public GpuSamples ToSamples(string uuid)
    {
        var samples = new GpuSamples
        {
            Index = _index,
            Uuid = uuid,
            Model = _model,
            JobId = _jobId,
            Timestamps = [.. Timestamps],
            Values = [.. _values],
            Xids = [.. _xids],
        };
        System.Diagnostics.Debug.Assert(samples.Values.Length == samples.Timestamps.Length * FieldCatalog.Count, "one row per timestamp");
        return samples;
    }

    public void Clear()
    {
        Timestamps.Clear();
        _values.Clear();
        _xids.Clear();
    }
}
