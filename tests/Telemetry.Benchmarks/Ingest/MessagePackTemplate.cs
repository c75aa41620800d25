using System.Buffers;
using MessagePack;
using Telemetry.Wire;

namespace Telemetry.Benchmarks.Ingest;

/// <summary>
/// Encodes a report with the project's reference encoder (<see cref="NodeReportWriter"/>, float32 values)
/// and finds where its seq and timestamps sit, so they can be rewritten without re-encoding.
/// </summary>
internal static class MessagePackTemplate
{
    private const byte UInt32Code = 0xce;

    public static BodyTemplate Create(NodeReport report)
    {
        // uint.MaxValue is written as a 4-byte uint32, so any later seq fits in its place.
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        NodeReportWriter.Write(buffer, report with { Seq = uint.MaxValue }, singlePrecision: true);
        var bytes = buffer.WrittenSpan.ToArray();

        var reader = new MessagePackReader(bytes);
        reader.ReadArrayHeader();
        reader.Skip(); // version
        reader.Skip(); // node id
        var seqOffset = (int)reader.Consumed;
        reader.Skip();
        reader.Skip(); // bootId
        reader.Skip(); // fields

        var offsets = new List<int>();
        var gpus = reader.ReadArrayHeader();
        for (var g = 0; g < gpus; g++)
        {
            reader.ReadArrayHeader();
            reader.Skip(); // index
            reader.Skip(); // uuid
            reader.Skip(); // model
            reader.Skip(); // job
            var samples = reader.ReadArrayHeader();
            for (var s = 0; s < samples; s++)
            {
                var offset = (int)reader.Consumed;
                reader.Skip();

                // Unix milliseconds are above 2^32, so every timestamp is a code byte and 8 bytes: rewritable in place.
                if (reader.Consumed - offset != 9)
                {
                    throw new InvalidOperationException($"Timestamp at {offset} is not a 64-bit integer.");
                }

                offsets.Add(offset);
            }

            reader.Skip(); // values
            reader.Skip(); // xids
        }

        if (bytes[seqOffset] != UInt32Code)
        {
            throw new InvalidOperationException("Seq is not a msgpack uint32.");
        }

        return new BodyTemplate(bytes, seqOffset, [.. offsets], report.Gpus[0].SampleCount, text: false);
    }
}
