using System.Buffers;
using System.Buffers.Binary;
using MessagePack;

namespace Telemetry.Wire;

/// <summary>
/// Reads container and string headers so that every declared length is checked against a limit and
/// against the bytes left in the body before anything sized by it is allocated or decoded.
/// </summary>
internal static class BoundedReader
{
    /// <summary>
    /// Reads an array header and returns its declared length (0 to <paramref name="max"/>); fails with
    /// <paramref name="typeCode"/> when the next value is not an array, <paramref name="limitCode"/> when it is too long.
    /// </summary>
    public static int ReadArrayLength(ref MessagePackReader reader, ReportScope scope, string what, int max, string typeCode, string limitCode)
    {
        var length = ReadArrayHeader(ref reader, scope, what, typeCode, "an array");
        if (length > max)
        {
            throw scope.Fail(limitCode, $"{what} declares {length} elements; at most {max} are allowed");
        }

        EnsureRemaining(ref reader, scope, length, what);
        return (int)length;
    }

    /// <summary>
    /// Reads an array header and returns its length as declared, up to <see cref="uint.MaxValue"/>, for a caller
    /// that judges the length itself and then calls <see cref="EnsureRemaining"/> before reading the elements.
    /// </summary>
    public static long ReadArrayHeader(ref MessagePackReader reader, ReportScope scope, string what, string typeCode, string expected)
    {
        if (reader.NextMessagePackType != MessagePackType.Array)
        {
            throw WrongType(ref reader, scope, typeCode, what, expected);
        }

        return ReadLength(ref reader);
    }

    /// <summary>Reads a map header and returns its declared entry count (0 to <paramref name="max"/>).</summary>
    public static int ReadMapLength(ref MessagePackReader reader, ReportScope scope, string what, int max, string code)
    {
        if (reader.NextMessagePackType != MessagePackType.Map)
        {
            throw WrongType(ref reader, scope, code, what, "a map");
        }

        var length = ReadLength(ref reader);
        if (length > max)
        {
            throw scope.Fail(code, $"{what} declares {length} entries; at most {max} are allowed");
        }

        EnsureRemaining(ref reader, scope, 2 * length, what);
        return (int)length;
    }

    /// <summary>
    /// Reads a str of at most <paramref name="maxBytes"/> UTF-8 bytes (nil only when <paramref name="nilAllowed"/>),
    /// returning <paramref name="recent"/> instead of a new string when the text equals it.
    /// </summary>
    public static string? ReadString(ref MessagePackReader reader, ReportScope scope, string what, int maxBytes, string code, bool nilAllowed = false, string? recent = null)
    {
        if (nilAllowed && reader.TryReadNil())
        {
            return null;
        }

        if (reader.NextMessagePackType != MessagePackType.String)
        {
            throw WrongType(ref reader, scope, code, what, $"a string{(nilAllowed ? " or nil" : "")}");
        }

        var length = ReadLength(ref reader);
        if (length > maxBytes)
        {
            throw scope.Fail(code, $"{what} is {length} bytes long; at most {maxBytes} UTF-8 bytes are allowed");
        }

        EnsureRemaining(ref reader, scope, length, what);
        return Utf8Text.Decode(reader.ReadRaw(length), recent)
            ?? throw scope.Fail(code, $"{what} is not valid UTF-8");
    }

    /// <summary>Skips <paramref name="count"/> values of any shape without recursing, so hostile nesting cannot exhaust the stack.</summary>
    public static void SkipValues(ref MessagePackReader reader, ReportScope scope, long count)
    {
        // Every element takes at least one byte and headers are checked against the bytes left,
        // so the loop ends within the body's length.
        while (count > 0)
        {
            count--;
            switch (reader.NextMessagePackType)
            {
                case MessagePackType.Array:
                    var items = ReadLength(ref reader);
                    EnsureRemaining(ref reader, scope, items, "a skipped array");
                    count += items;
                    break;
                case MessagePackType.Map:
                    var entries = 2 * ReadLength(ref reader);
                    EnsureRemaining(ref reader, scope, entries, "a skipped map");
                    count += entries;
                    break;
                default:
                    reader.Skip(); // a scalar: no nesting to follow
                    break;
            }
        }
    }

    /// <summary>Bytes not yet read.</summary>
    public static long Remaining(ref MessagePackReader reader) => reader.Sequence.Length - reader.Consumed;

    /// <summary>
    /// The failure for a value of the wrong type: <paramref name="code"/>, naming what was found instead of
    /// <paramref name="expected"/>; or malformed when the next byte is not MessagePack at all.
    /// </summary>
    public static WireFormatException WrongType(ref MessagePackReader reader, ReportScope scope, string code, string what, string expected)
    {
        var found = reader.NextMessagePackType switch
        {
            MessagePackType.Integer => "an integer",
            MessagePackType.Nil => "nil",
            MessagePackType.Boolean => "a boolean",
            MessagePackType.Float => "a float",
            MessagePackType.String => "a string",
            MessagePackType.Binary => "binary data",
            MessagePackType.Array => "an array",
            MessagePackType.Map => "a map",
            MessagePackType.Extension => "an extension value",
            _ => null,
        };
        return found is null
            ? scope.Fail(WireErrorCodes.Malformed, $"{what} starts with 0x{reader.NextCode:x2}, which no MessagePack value starts with")
            : scope.Fail(code, $"{what} is {found}; expected {expected}");
    }

    /// <summary>Fails as malformed when <paramref name="minBytes"/> (one byte per declared element at least) exceed the bytes left.</summary>
    public static void EnsureRemaining(ref MessagePackReader reader, ReportScope scope, long minBytes, string what)
    {
        var remaining = Remaining(ref reader);
        if (minBytes > remaining)
        {
            throw scope.Fail(WireErrorCodes.Malformed, $"{what} declares a length of {minBytes} but only {remaining} bytes are left in the body");
        }
    }

    /// <summary>
    /// Consumes a str, array or map header and returns its length as declared (up to <see cref="uint.MaxValue"/>);
    /// parsed here rather than by the library so a 32-bit length never turns negative or throws.
    /// </summary>
    private static long ReadLength(ref MessagePackReader reader)
    {
        var code = reader.NextCode;
        var width = code switch
        {
            MessagePackCode.Str8 => 1,
            MessagePackCode.Str16 or MessagePackCode.Array16 or MessagePackCode.Map16 => 2,
            MessagePackCode.Str32 or MessagePackCode.Array32 or MessagePackCode.Map32 => 4,
            _ => 0,
        };
        if (width == 0)
        {
            reader.ReadRaw(1);
            return code switch
            {
                >= MessagePackCode.MinFixStr and <= MessagePackCode.MaxFixStr => code & 0x1F,
                _ => code & 0x0F, // fixarray or fixmap; callers checked the type
            };
        }

        Span<byte> header = stackalloc byte[5];
        var raw = reader.ReadRaw(1 + width); // throws EndOfStreamException when the body ends inside the header
        raw.CopyTo(header);
        return width switch
        {
            1 => header[1],
            2 => BinaryPrimitives.ReadUInt16BigEndian(header[1..]),
            _ => BinaryPrimitives.ReadUInt32BigEndian(header[1..]),
        };
    }
}
