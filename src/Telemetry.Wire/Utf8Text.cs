using System.Buffers;
using System.Text.Unicode;

namespace Telemetry.Wire;

/// <summary>Strict UTF-8 decoding of short wire strings, reusing an equal recent string instead of allocating.</summary>
internal static class Utf8Text
{
    private const int StackLimit = 256;

    /// <summary>The text, <paramref name="recent"/> when equal to it, or null when the bytes are not valid UTF-8.</summary>
    public static string? Decode(in ReadOnlySequence<byte> utf8, string? recent)
    {
        if (utf8.IsSingleSegment)
        {
            return Decode(utf8.FirstSpan, recent);
        }

        var length = (int)utf8.Length;
        byte[]? rented = null;
        try
        {
            var copy = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
            utf8.CopyTo(copy);
            return Decode(copy[..length], recent);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static string? Decode(ReadOnlySpan<byte> utf8, string? recent)
    {
        char[]? rented = null;
        try
        {
            // UTF-16 never needs more code units than UTF-8 has bytes.
            var chars = utf8.Length <= StackLimit ? stackalloc char[StackLimit] : (rented = ArrayPool<char>.Shared.Rent(utf8.Length));
            if (Utf8.ToUtf16(utf8, chars, out _, out var written, replaceInvalidSequences: false) != OperationStatus.Done)
            {
                return null;
            }

            var text = chars[..written];
            return recent is not null && text.SequenceEqual(recent) ? recent : new string(text);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }
}
