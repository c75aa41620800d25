using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace Telemetry.Exporter.Sending;

/// <summary>
/// The spool's on-disk record: <c>u32 payload length | u32 CRC-32C of payload | payload</c>, little-endian, where the
/// payload is <c>i64 spooled-at Unix ms | u8 flags (bit 0 gzip) | i32 samples | u16 node-id length | node id UTF-8 | body</c>.
/// A record whose length runs past the file's end or whose CRC does not match is a torn tail, never a body.
/// </summary>
internal static class SpoolRecord
{
    public const int HeaderBytes = 8;
    private const int FixedPayloadBytes = 8 + 1 + 4 + 2;
    private const int MaxPayloadBytes = 64 << 20;

    /// <summary>Bytes a record of this node and body takes on disk.</summary>
    public static int SizeOf(string nodeId, int bodyLength) =>
        HeaderBytes + FixedPayloadBytes + Encoding.UTF8.GetByteCount(nodeId) + bodyLength;

    /// <summary>Writes one record into <paramref name="destination"/> (exactly <see cref="SizeOf"/> bytes); returns where the body starts.</summary>
    public static int Write(Span<byte> destination, string nodeId, ReadOnlySpan<byte> body, bool gzip, int samples, long spooledAtMs)
    {
        var payload = destination[HeaderBytes..];
        BinaryPrimitives.WriteInt64LittleEndian(payload, spooledAtMs);
        payload[8] = gzip ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteInt32LittleEndian(payload[9..], samples);
        var nameLength = Encoding.UTF8.GetBytes(nodeId, payload[FixedPayloadBytes..]);
        BinaryPrimitives.WriteUInt16LittleEndian(payload[13..], (ushort)nameLength);
        var bodyStart = FixedPayloadBytes + nameLength;
        body.CopyTo(payload[bodyStart..]);
        BinaryPrimitives.WriteInt32LittleEndian(destination, payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], Crc32C(payload));
        return HeaderBytes + bodyStart;
    }

    /// <summary>Reads the record at the start of <paramref name="data"/>; false when it is torn or corrupt.</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, out SpoolRecordInfo record)
    {
        record = default;
        if (data.Length < HeaderBytes)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(data);
        if (length is < FixedPayloadBytes or > MaxPayloadBytes || length > data.Length - HeaderBytes)
        {
            return false;
        }

        var payload = data.Slice(HeaderBytes, length);
        if (Crc32C(payload) != BinaryPrimitives.ReadUInt32LittleEndian(data[4..]))
        {
            return false;
        }

        var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(payload[13..]);
        if (FixedPayloadBytes + nameLength > length)
        {
            return false;
        }

        record = new SpoolRecordInfo(
            Encoding.UTF8.GetString(payload.Slice(FixedPayloadBytes, nameLength)),
            SpooledAtMs: BinaryPrimitives.ReadInt64LittleEndian(payload),
            Gzip: (payload[8] & 1) != 0,
            Samples: BinaryPrimitives.ReadInt32LittleEndian(payload[9..]),
            RecordLength: HeaderBytes + length,
            BodyStart: HeaderBytes + FixedPayloadBytes + nameLength);
        return true;
    }

    private static uint Crc32C(ReadOnlySpan<byte> data)
    {
        var crc = uint.MaxValue;
        while (data.Length >= 8)
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }

        foreach (var b in data)
        {
            crc = BitOperations.Crc32C(crc, b);
        }

        return ~crc;
    }
}
