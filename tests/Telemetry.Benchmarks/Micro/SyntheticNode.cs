using System.Buffers;
using Telemetry.Health;
using Telemetry.State;
using Telemetry.Wire;

namespace Telemetry.Benchmarks.Micro;

/// <summary>
/// Builds a node's report as the ingest path sees it: 8 GPUs × 10 samples (one second at 10 Hz) × 23 fields,
/// the simulator's five node gauges, and wire bodies of such reports encoded with float32 values.
/// </summary>
internal static class SyntheticNode
{
    public const int Gpus = 8;
    public const int SamplesPerGpu = 10;
    public const int SamplesPerReport = Gpus * SamplesPerGpu;

    /// <summary>Where sample time starts.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    public static string NodeId(int node) => $"dc1/node-{node:d4}";

    /// <summary>Report <paramref name="seq"/> of node <paramref name="node"/>, its samples from <paramref name="startMs"/>.</summary>
    public static NodeReport Report(int node, ulong seq, long startMs)
    {
        var gpus = new GpuSamples[Gpus];
        for (var i = 0; i < Gpus; i++)
        {
            gpus[i] = SyntheticGpu.Block(node, i, startMs, SamplesPerGpu);
        }

        return new NodeReport
        {
            NodeId = NodeId(node),
            Seq = seq,
            BootId = $"3f6c1a52-9d0e-4b7a-8c21-{node:x12}",
            Gpus = gpus,
            Gauges = new Dictionary<string, double>(StringComparer.Ordinal)
            {
                ["cpu_util_pct"] = 24.5,
                ["mem_total_bytes"] = 2_164_663_517_184,
                ["mem_used_bytes"] = 1_058_349_875_200,
                ["net_rx_bytes_s"] = 7_601_000_000,
                ["net_tx_bytes_s"] = 7_452_000_000,
            },
        };
    }

    /// <summary>
    /// A body of <paramref name="reports"/> reports, one from each of that many nodes (a relay batching its
    /// nodes), all fields, float32 values, as <see cref="NodeReportWriter"/> writes them.
    /// </summary>
    public static byte[] Body(int reports)
    {
        var output = new ArrayBufferWriter<byte>();
        var startMs = Start.ToUnixTimeMilliseconds();
        for (var node = 1; node <= reports; node++)
        {
            NodeReportWriter.Write(output, Report(node, seq: 1, startMs), singlePrecision: true);
        }

        return output.WrittenSpan.ToArray();
    }

    /// <summary>What the GPU grains answer after taking <paramref name="report"/>'s blocks: all healthy, or GPU 3 degraded.</summary>
    public static GpuBrief[] Briefs(NodeReport report, bool oneDegraded = false) =>
        Array.ConvertAll(report.Gpus, gpu => new GpuBrief
        {
            Uuid = gpu.Uuid,
            Index = gpu.Index,
            Model = gpu.Model,
            JobId = gpu.JobId,
            Health = oneDegraded && gpu.Index == 3 ? HealthState.Degraded : HealthState.Healthy,
            UtilPct = 93,
            PowerW = 612,
            TempC = 67,
            FbFreeMib = 10_325,
        });
}
