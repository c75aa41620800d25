using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using MessagePack;

namespace Telemetry.Wire;

/// <summary>Decodes one MessagePack number (float32, float64 or any integer) as a <see cref="double"/>.</summary>
internal static class WireNumber
{
    /// <summary>
    /// Decodes the number at <paramref name="span"/>[<paramref name="offset"/>] straight from the bytes.
    /// Returns the bytes it took, or 0 when the value is not a number or does not lie whole in the span;
    /// the caller then falls back to <see cref="TryRead"/>, which tells the two apart.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int TryDecode(ReadOnlySpan<byte> span, int offset, out double value)
    {
        value = 0;
        if ((uint)offset >= (uint)span.Length)
        {
            return 0;
        }

        var code = span[offset];
        var rest = span[(offset + 1)..];
        switch (code)
        {
            case <= MessagePackCode.MaxFixInt:
                value = code;
                return 1;
            case >= MessagePackCode.MinNegativeFixInt:
                value = (sbyte)code;
                return 1;
            case MessagePackCode.Float64 when rest.Length >= 8:
                value = BinaryPrimitives.ReadDoubleBigEndian(rest);
                return 9;
            case MessagePackCode.Float32 when rest.Length >= 4:
                value = BinaryPrimitives.ReadSingleBigEndian(rest);
                return 5;
            case MessagePackCode.UInt8 when rest.Length >= 1:
                value = rest[0];
                return 2;
            case MessagePackCode.Int8 when rest.Length >= 1:
                value = (sbyte)rest[0];
                return 2;
            case MessagePackCode.UInt16 when rest.Length >= 2:
                value = BinaryPrimitives.ReadUInt16BigEndian(rest);
                return 3;
            case MessagePackCode.Int16 when rest.Length >= 2:
                value = BinaryPrimitives.ReadInt16BigEndian(rest);
                return 3;
            case MessagePackCode.UInt32 when rest.Length >= 4:
                value = BinaryPrimitives.ReadUInt32BigEndian(rest);
                return 5;
            case MessagePackCode.Int32 when rest.Length >= 4:
                value = BinaryPrimitives.ReadInt32BigEndian(rest);
                return 5;
            case MessagePackCode.UInt64 when rest.Length >= 8:
                value = BinaryPrimitives.ReadUInt64BigEndian(rest);
                return 9;
            case MessagePackCode.Int64 when rest.Length >= 8:
                value = BinaryPrimitives.ReadInt64BigEndian(rest);
                return 9;
            default:
                return 0;
        }
    }

    /// <summary>Reads a number through the reader (any segment layout); false, without reading, when the next value is not a number.</summary>
    public static bool TryRead(ref MessagePackReader reader, out double value)
    {
        value = 0;
        if (reader.NextMessagePackType is not (MessagePackType.Integer or MessagePackType.Float))
        {
            return false;
        }

        value = reader.ReadDouble();
        return true;
    }
}
