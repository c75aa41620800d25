using System.Buffers;
using System.IO.Compression;
using Telemetry.Exporter.Sending;
using Telemetry.Wire;

namespace Telemetry.Exporter.Simulation;

/// <summary>
/// A simulated node as the scheduler sees it: its next due time, its one body in flight, and the
/// buffers that body is encoded into (reused, since a node never has two bodies at once).
/// </summary>
internal sealed class NodeLane(NodeSimulator node, int server) : SendLane(node.NodeId, server)
{
    private ArrayBufferWriter<byte> _body = new(16 * 1024);
    private ArrayBufferWriter<byte> _compressed = new(8 * 1024);
    private long _xidsSeen;

    public NodeSimulator Node => node;

    /// <summary>Next report time, in <see cref="TimeProvider"/> timestamp units.</summary>
    public long DueTimestamp { get; set; }

    /// <summary>Generates the report ending at <paramref name="nowMs"/> and encodes it (float32 values, every field).</summary>
    public SendRequest Encode(long nowMs, bool gzip, out long newXids)
    {
        var report = node.Generate(nowMs);
        newXids = node.XidCount - _xidsSeen;
        _xidsSeen = node.XidCount;

        if (IsBusy)
        {
            // A send handed over to the spool may still be reading the old buffers: leave them to it.
            _body = new ArrayBufferWriter<byte>(_body.Capacity);
            _compressed = new ArrayBufferWriter<byte>(_compressed.Capacity);
        }

        _body.ResetWrittenCount();
        NodeReportWriter.Write(_body, report, singlePrecision: true);
        if (!gzip)
        {
            return new SendRequest(_body.WrittenMemory, Gzip: false, Server);
        }

        _compressed.ResetWrittenCount();
        using (var zip = new GZipStream(new BufferWriterStream(_compressed), CompressionLevel.Fastest))
        {
            zip.Write(_body.WrittenSpan);
        }

        return new SendRequest(_compressed.WrittenMemory, Gzip: true, Server);
    }
}
