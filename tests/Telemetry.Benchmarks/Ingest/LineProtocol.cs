using System.Buffers;
using System.Text;
using Telemetry.Fields;
using Telemetry.Wire;

namespace Telemetry.Benchmarks.Ingest;

/// <summary>
/// The same samples as InfluxDB line protocol, one line per GPU sample with all 23 fields:
/// <c>gpu,dc=dc1,gpu=GPU-…,model=NVIDIA\ B200,node=node-0001 gpu_util_pct=93,… 1764300000000</c>.
/// </summary>
/// <remarks>
/// Tags are in key order (what InfluxDB's client libraries send); values are the float32 the silo gets,
/// in their shortest round-trip form; timestamps are milliseconds (13 digits, rewritten in place).
/// </remarks>
internal static class LineProtocol
{
    private static readonly byte[][] FieldPrefixes = FieldCatalog.All
        .Select(f => Encoding.ASCII.GetBytes("," + f.Name + "="))
        .ToArray();

    public static BodyTemplate Create(NodeReport report)
    {
        var (dc, host) = SplitNodeId(report.NodeId);
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        var offsets = new List<int>();
        foreach (var gpu in report.Gpus)
        {
            var series = Encoding.UTF8.GetBytes($"gpu,dc={Escape(dc)},gpu={Escape(gpu.Uuid)},model={Escape(gpu.Model)},node={Escape(host)}");
            for (var s = 0; s < gpu.SampleCount; s++)
            {
                buffer.Write(series);
                WriteFields(buffer, gpu, s);
                buffer.Write(" "u8);
                offsets.Add(buffer.WrittenCount);
                Append(buffer, gpu.Timestamps[s].ToString("D13"));
                buffer.Write("\n"u8);
            }
        }

        return new BodyTemplate(buffer.WrittenSpan.ToArray(), -1, [.. offsets], report.Gpus[0].SampleCount, text: true);
    }

    private static void WriteFields(ArrayBufferWriter<byte> buffer, GpuSamples gpu, int sample)
    {
        var first = true;
        for (var column = 0; column < FieldCatalog.Count; column++)
        {
            var value = (float)gpu.Value(sample, column + 1);
            if (float.IsNaN(value))
            {
                // Line protocol has no NaN: a field not measured is simply absent, as in Telegraf's output.
                continue;
            }

            // The first field follows the tags after a space, the rest follow a comma.
            var prefix = FieldPrefixes[column].AsSpan();
            if (first)
            {
                buffer.Write(" "u8);
                prefix = prefix[1..];
                first = false;
            }

            buffer.Write(prefix);
            Append(buffer, value.ToString("R"));
        }
    }

    private static void Append(ArrayBufferWriter<byte> buffer, string ascii) =>
        buffer.Write(Encoding.ASCII.GetBytes(ascii));

    private static (string Dc, string Host) SplitNodeId(string nodeId)
    {
        var slash = nodeId.IndexOf('/', StringComparison.Ordinal);
        return (nodeId[..slash], nodeId[(slash + 1)..]);
    }

    private static string Escape(string tag) => tag.Replace(" ", "\\ ", StringComparison.Ordinal).Replace(",", "\\,", StringComparison.Ordinal).Replace("=", "\\=", StringComparison.Ordinal);
}
