using System.Buffers.Binary;
using System.Buffers.Text;

namespace Telemetry.Benchmarks.Ingest;

/// <summary>
/// One encoded report whose seq and sample timestamps are rewritten in place before each send, so the
/// load generator spends a few hundred nanoseconds per body instead of re-encoding it, and the
/// servers always see increasing seqs and fresh timestamps.
/// </summary>
/// <remarks>Not thread-safe: each node (and so each template) belongs to one connection of the load driver.</remarks>
internal sealed class BodyTemplate
{
    private const int TextTimestampDigits = 13;
    private readonly int _seqOffset;
    private readonly int[] _timestampOffsets;
    private readonly int _samplesPerGpu;
    private readonly bool _text;

    /// <param name="bytes">The encoded body.</param>
    /// <param name="seqOffset">Offset of the seq's msgpack uint32 code byte; −1 for formats without a seq.</param>
    /// <param name="timestampOffsets">Offsets of every timestamp, GPU-major (GPU g, sample s at g × S + s).</param>
    /// <param name="samplesPerGpu">S.</param>
    /// <param name="text">Timestamps are 13 ASCII digits (line protocol) rather than msgpack 64-bit integers.</param>
    public BodyTemplate(byte[] bytes, int seqOffset, int[] timestampOffsets, int samplesPerGpu, bool text)
    {
        Bytes = bytes;
        _seqOffset = seqOffset;
        _timestampOffsets = timestampOffsets;
        _samplesPerGpu = samplesPerGpu;
        _text = text;
    }

    public byte[] Bytes { get; }

    /// <summary>Writes <paramref name="seq"/> and the S sample times (Unix ms) into the body.</summary>
    public void Stamp(uint seq, ReadOnlySpan<long> timestamps)
    {
        if (_seqOffset >= 0)
        {
            BinaryPrimitives.WriteUInt32BigEndian(Bytes.AsSpan(_seqOffset + 1, 4), seq);
        }

        for (var i = 0; i < _timestampOffsets.Length; i++)
        {
            var ts = timestamps[i % _samplesPerGpu];
            if (_text)
            {
                Utf8Formatter.TryFormat(ts, Bytes.AsSpan(_timestampOffsets[i], TextTimestampDigits), out _, new System.Buffers.StandardFormat('D', TextTimestampDigits));
            }
            else
            {
                BinaryPrimitives.WriteInt64BigEndian(Bytes.AsSpan(_timestampOffsets[i] + 1, 8), ts);
            }
        }
    }
}
