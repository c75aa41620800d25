using System.Numerics;

namespace Telemetry.Grains.Windows;

/// <summary>
/// Lossless packing of a short sequence of 16-bit floats (their bit patterns) that moves little from one
/// value to the next, as a 10-second history does. Each bit pattern is mapped to an integer that orders
/// like the float, and the sequence is stored as its first value (16 bits), then the differences from one
/// value to the next, zigzag-coded, with their common trailing zero bits dropped (integer-valued maxima
/// share several) and every difference in the same number of bits:
/// <c>first:16 width:5 shift:4 (zigzag(delta) &gt;&gt; shift):width …</c>, little-endian bits, padded to a byte.
/// Any bit pattern, NaN included, round-trips exactly.
/// </summary>
internal static class HalfDeltaCodec
{
    private const int HeaderBits = 16 + 5 + 4;

    /// <summary>The most bytes <see cref="Encode"/> writes for <paramref name="count"/> values.</summary>
    public static int MaxBytes(int count) => (HeaderBits + (Math.Max(count - 1, 0) * 17) + 7) / 8;

    /// <summary>Packs <paramref name="values"/> (at least one) into <paramref name="destination"/>; returns the bytes written.</summary>
    public static int Encode(ReadOnlySpan<ushort> values, Span<byte> destination)
    {
        var widest = 0u;
        var shared = 0u;
        for (var i = 1; i < values.Length; i++)
        {
            var zigzag = ZigZag(Ordered(values[i]) - Ordered(values[i - 1]));
            widest |= zigzag;
            shared |= zigzag;
        }

        var shift = shared == 0 ? 0 : Math.Min(BitOperations.TrailingZeroCount(shared), 15);
        var width = 32 - BitOperations.LeadingZeroCount(widest >> shift);
        var writer = new BitWriter(destination);
        writer.Write(values[0], 16);
        writer.Write((uint)width, 5);
        writer.Write((uint)shift, 4);
        for (var i = 1; i < values.Length; i++)
        {
            writer.Write(ZigZag(Ordered(values[i]) - Ordered(values[i - 1])) >> shift, width);
        }

        return writer.Flush();
    }

    /// <summary>Unpacks <paramref name="values"/>.Length values; returns the bytes read.</summary>
    public static int Decode(ReadOnlySpan<byte> source, Span<ushort> values)
    {
        var reader = new BitReader(source);
        var previous = (ushort)reader.Read(16);
        var width = (int)reader.Read(5);
        var shift = (int)reader.Read(4);
        values[0] = previous;
        for (var i = 1; i < values.Length; i++)
        {
            var delta = UnZigZag(reader.Read(width) << shift);
            previous = Unordered(Ordered(previous) + delta);
            values[i] = previous;
        }

        return reader.BytesRead;
    }

    // Sign-magnitude to an integer that orders as the float does: positives above negatives, larger magnitudes further out.
    private static int Ordered(ushort bits) => (bits & 0x8000) != 0 ? 0x7FFF - (bits & 0x7FFF) : 0x8000 + bits;

    private static ushort Unordered(int ordered) => (ushort)(ordered >= 0x8000 ? ordered - 0x8000 : 0x8000 | (0x7FFF - ordered));

    private static uint ZigZag(int delta) => (uint)((delta << 1) ^ (delta >> 31));

    private static int UnZigZag(uint zigzag) => (int)(zigzag >> 1) ^ -(int)(zigzag & 1);

    private ref struct BitWriter(Span<byte> destination)
    {
        private readonly Span<byte> _destination = destination;
        private ulong _pending;
        private int _pendingBits;
        private int _written;

        public void Write(uint value, int bits)
        {
            _pending |= (ulong)value << _pendingBits;
            _pendingBits += bits;
            while (_pendingBits >= 8)
            {
                _destination[_written++] = (byte)_pending;
                _pending >>= 8;
                _pendingBits -= 8;
            }
        }

        public int Flush()
        {
            if (_pendingBits > 0)
            {
                _destination[_written++] = (byte)_pending;
                _pending = 0;
                _pendingBits = 0;
            }

            return _written;
        }
    }

    private ref struct BitReader(ReadOnlySpan<byte> source)
    {
        private readonly ReadOnlySpan<byte> _source = source;
        private ulong _pending;
        private int _pendingBits;
        private int _read;

        public readonly int BytesRead => _read;

        public uint Read(int bits)
        {
            while (_pendingBits < bits)
            {
                _pending |= (ulong)_source[_read++] << _pendingBits;
                _pendingBits += 8;
            }

            var value = (uint)(_pending & ((1UL << bits) - 1));
            _pending >>= bits;
            _pendingBits -= bits;
            return value;
        }
    }
}
