using System.Buffers;
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

        writer.WriteArrayHeader(gpu.Timestamps.Length * fieldIds.Length);
        for (var s = 0; s < gpu.Timestamps.Length; s++)
        {
            foreach (var id in fieldIds)
            {
                var value = FieldCatalog.IsKnown(id) ? gpu.Value(s, id) : double.NaN;
                if (singlePrecision)
                {
                    writer.Write((float)value);
                }
                else
                {
                    writer.Write(value);
                }
            }
        }

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
}
