using Telemetry.Fields;
using Telemetry.Wire;

namespace Telemetry.Abstractions.Tests.Wire;

/// <summary>Valid decoded reports to encode with <see cref="NodeReportWriter"/> and read back.</summary>
internal static class SampleReports
{
    /// <summary>A node with <paramref name="gpuCount"/> GPUs of <paramref name="samples"/> samples each, every field measured except one NaN.</summary>
    public static NodeReport Node(string nodeId = "dc1/node-01", ulong seq = 7, int gpuCount = 2, int samples = 3)
    {
        var gpus = new GpuSamples[gpuCount];
        for (var g = 0; g < gpuCount; g++)
        {
            var values = new double[samples * FieldCatalog.Count];
            for (var i = 0; i < values.Length; i++)
            {
                // Halves are exact in float32 too, so float32 round trips compare equal.
                values[i] = (g * 1_000) + (i * 0.5);
            }

            values[FieldCatalog.MemTempC - 1] = double.NaN;
            gpus[g] = new GpuSamples
            {
                Index = g,
                Uuid = $"GPU-{g:D2}5f2c-aaaa-bbbb-cccc",
                Model = "NVIDIA B200",
                JobId = g % 2 == 0 ? "job-17" : null,
                Timestamps = Timestamps(samples),
                Values = values,
                Xids = g == 0 ? [79, 48] : [],
            };
        }

        return new NodeReport
        {
            NodeId = nodeId,
            Seq = seq,
            BootId = "6f9619ff-8b86-d011-b42d-00c04fc964ff",
            Gpus = gpus,
            Gauges = new Dictionary<string, double> { ["cpu_util_pct"] = 37.5, ["mem_used_bytes"] = 1e11 },
        };
    }

    private static long[] Timestamps(int samples)
    {
        var ts = new long[samples];
        for (var s = 0; s < samples; s++)
        {
            ts[s] = RawReport.NowMs - ((samples - s) * 1_000L);
        }

        return ts;
    }
}
