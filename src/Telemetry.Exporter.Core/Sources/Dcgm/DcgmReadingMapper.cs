using System.Globalization;
using Telemetry.Fields;

namespace Telemetry.Exporter.Sources.Dcgm;

/// <summary>
/// Turns one dcgm-exporter page into a reading per GPU: <c>DCGM_FI_*</c> names to field ids, the <c>UUID</c>,
/// <c>gpu</c> and <c>modelName</c> labels to identity, <c>hpc_job</c> or <c>namespace</c>/<c>pod</c> to the job.
/// MIG instance series (a <c>GPU_I_ID</c> label) and per-link NVLink/NVSwitch series are skipped: the wire format
/// has one row per physical GPU. <c>DCGM_FI_DEV_XID_ERRORS</c> holds only the last XID, so each change to a
/// non-zero value is one XID event; the first page only sets the baseline, since the XID it shows may be days old.
/// </summary>
internal sealed class DcgmReadingMapper
{
    private static readonly string[] PerLinkLabels = ["nvlink", "nvswitch", "link"];
    private readonly Dictionary<string, double> _lastXid = new(StringComparer.Ordinal);

    public IReadOnlyList<GpuReading> Map(IEnumerable<PrometheusSample> samples)
    {
        var gpus = new Dictionary<string, GpuDraft>(StringComparer.Ordinal);
        foreach (var sample in samples)
        {
            if (!sample.Name.StartsWith("DCGM_FI_", StringComparison.Ordinal)
                || sample.Label("GPU_I_ID") is not null
                || PerLinkLabels.Any(l => sample.Labels.ContainsKey(l))
                || sample.Label("UUID") is not { } uuid
                || !int.TryParse(sample.Label("gpu"), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                continue;
            }

            if (!gpus.TryGetValue(uuid, out var gpu))
            {
                gpus[uuid] = gpu = new GpuDraft(index, sample.Label("modelName") ?? "", JobOf(sample));
            }

            Apply(gpu, uuid, sample);
        }

        return [.. gpus.Select(g => g.Value.ToReading(g.Key)).OrderBy(r => r.Index)];
    }

    private void Apply(GpuDraft gpu, string uuid, PrometheusSample sample)
    {
        switch (sample.Name)
        {
            case DcgmFieldMap.XidErrors:
                var known = _lastXid.TryGetValue(uuid, out var last);
                _lastXid[uuid] = sample.Value;
                if (known && sample.Value != last && sample.Value is > 0 and <= int.MaxValue)
                {
                    gpu.Xids.Add((int)sample.Value);
                }

                break;
            case DcgmFieldMap.FbFree:
                gpu.FbFree = sample.Value;
                break;
            case DcgmFieldMap.FbReserved:
                gpu.FbReserved = sample.Value;
                break;
            default:
                if (DcgmFieldMap.Fields.TryGetValue(sample.Name, out var field))
                {
                    gpu.Values[field - 1] = sample.Value;
                }

                break;
        }
    }

    /// <summary>Slurm's job id when there is one, else the Kubernetes pod as <c>namespace/pod</c> (older label names too).</summary>
    private static string? JobOf(PrometheusSample sample)
    {
        if (sample.Label("hpc_job") is { } job)
        {
            return job;
        }

        var pod = sample.Label("pod") ?? sample.Label("pod_name");
        var ns = sample.Label("namespace") ?? sample.Label("pod_namespace");
        return pod is null ? null : ns is null ? pod : $"{ns}/{pod}";
    }

    private sealed class GpuDraft(int index, string model, string? jobId)
    {
        public double[] Values { get; } = GpuReading.EmptyValues();

        public List<int> Xids { get; } = [];

        public double FbFree { get; set; } = double.NaN;

        public double FbReserved { get; set; } = double.NaN;

        public GpuReading ToReading(string uuid)
        {
            var total = FieldCatalog.FbTotalMib - 1;
            if (double.IsNaN(Values[total]))
            {
                // WIRE.md: fb_total_mib is FB_TOTAL, or used + free + reserved (reserved is absent before DCGM 3.1).
                Values[total] = Values[FieldCatalog.FbUsedMib - 1] + FbFree + (double.IsNaN(FbReserved) ? 0 : FbReserved);
            }

            return new GpuReading { Index = index, Uuid = uuid, Model = model, JobId = jobId, Values = Values, Xids = Xids };
        }
    }
}
