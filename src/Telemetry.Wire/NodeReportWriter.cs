using System.Buffers;
using System.Buffers.Binary;
using MessagePack;
using Telemetry.Fields;

namespace Telemetry.Wire;

/// <summary>
/// Encodes <see cref="NodeReport"/>s in wire format v1 (WIRE.md). Used by the exporter, the simulator
/// and tests; it writes only what the contract allows, so its output is a reference for other encoders.
/// </summary>
public static class NodeReportWriter
{
    private static readonly int[] AllFieldIds = FieldCatalog.All.Select(f => f.Id).ToArray();

    /// <summary>Every known field id, 1..<see cref="FieldCatalog.Count"/>.</summary>
    public static ReadOnlySpan<int> AllFields => AllFieldIds;

    /// <summary>Appends one report to <paramref name="output"/>; call repeatedly to build a multi-report body.</summary>
    /// <param name="output">Where the bytes go.</param>
    /// <param name="report">The report; its values are in canonical column order.</param>
    /// <param name="fieldIds">The columns to send, in this order (default: every known field).</param>
    /// <param name="singlePrecision">Write values as float32 (half the bytes) rather than float64.</param>
    public static void Write(IBufferWriter<byte> output, NodeReport report, ReadOnlySpan<int> fieldIds = default, bool singlePrecision = false)
    {
        if (fieldIds.IsEmpty)
        {
            fieldIds = AllFieldIds;
        }

        var writer = new MessagePackWriter(output);
        // The 8th element, hostBootId, is optional: without one the report keeps the 7 elements every server reads.
        writer.WriteArrayHeader(report.HostBootId is null ? 7 : 8);
        writer.Write(WireContentTypes.FormatVersion);
        writer.Write(report.NodeId);
        writer.Write(report.Seq);
        writer.Write(report.BootId);
        writer.WriteArrayHeader(fieldIds.Length);
        foreach (var id in fieldIds)
        {
            writer.Write(id);
        }

        writer.WriteArrayHeader(report.Gpus.Length);
        foreach (var gpu in report.Gpus)
        {
            WriteGpu(ref writer, gpu, fieldIds, singlePrecision);
        }

        if (report.Gauges.Count == 0)
        {
            writer.WriteNil();
        }
        else
        {
            writer.WriteMapHeader(report.Gauges.Count);
            foreach (var (name, value) in report.Gauges)
            {
                writer.Write(name);
                writer.Write(value);
            }
        }

        if (report.HostBootId is not null)
        {
            writer.Write(report.HostBootId);
        }

        writer.Flush();
    }

    private static void WriteGpu(ref MessagePackWriter writer, GpuSamples gpu, ReadOnlySpan<int> fieldIds, bool singlePrecision)
    {
        writer.WriteArrayHeader(7);
        writer.Write(gpu.Index);
        writer.Write(gpu.Uuid);
        writer.Write(gpu.Model);
        if (gpu.JobId is null)
        {
            writer.WriteNil();
        }
        else
        {
            writer.Write(gpu.JobId);
        }

        writer.WriteArrayHeader(gpu.Timestamps.Length);
        foreach (var ts in gpu.Timestamps)
        {
            writer.Write(ts);
        }

        WriteValues(ref writer, gpu, fieldIds, singlePrecision);
        if (gpu.Xids.Length == 0)
        {
            writer.WriteNil();
        }
        else
        {
            writer.WriteArrayHeader(gpu.Xids.Length);
            foreach (var xid in gpu.Xids)
            {
                writer.Write(xid);
            }
        }
    }

    // Every value is a fixed-width float32 or float64, so the block's size is known up front: one span for all of it
    // rather than a span request per value. The values are most of a body's bytes (736 of a simulated report's 4.8 KB).
    private static void WriteValues(ref MessagePackWriter writer, GpuSamples gpu, ReadOnlySpan<int> fieldIds, bool singlePrecision)
    {
        var count = gpu.Timestamps.Length * fieldIds.Length;
        var width = singlePrecision ? 1 + sizeof(float) : 1 + sizeof(double);
        writer.WriteArrayHeader(count);
        var span = writer.GetSpan(count * width);
        if (fieldIds.SequenceEqual(AllFieldIds))
        {
            // Every field in canonical order is the rows exactly as they are stored.
            var at = 0;
            foreach (var value in gpu.Values.AsSpan(0, count))
            {
                at += WriteValue(span[at..], value, singlePrecision);
            }
        }
        else
        {
            var at = 0;
            for (var s = 0; s < gpu.Timestamps.Length; s++)
            {
                foreach (var id in fieldIds)
                {
                    at += WriteValue(span[at..], FieldCatalog.IsKnown(id) ? gpu.Value(s, id) : double.NaN, singlePrecision);
                }
            }
        }

        writer.Advance(count * width);
    }

    private static int WriteValue(Span<byte> output, double value, bool singlePrecision)
    {
        if (singlePrecision)
        {
            output[0] = MessagePackCode.Float32;
            BinaryPrimitives.WriteSingleBigEndian(output[1..], (float)value);
            return 1 + sizeof(float);
        }

        output[0] = MessagePackCode.Float64;
        BinaryPrimitives.WriteDoubleBigEndian(output[1..], value);
        return 1 + sizeof(double);
    }
}
