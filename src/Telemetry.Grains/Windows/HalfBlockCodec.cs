using System.Numerics;

namespace Telemetry.Grains.Windows;

/// <summary>
/// Lossless packing of a short block of 16-bit floats (their bit patterns), as a 10-second history holds.
/// Each bit pattern is mapped to an integer that orders like the float; the block is stored as residuals
/// of one of two kinds, whichever takes fewer bits: the differences from one value to the next, zigzag-coded
/// (a value that wanders: temperature, memory used), or each value's offset above the block's minimum (a
/// value that is noise around a level: link throughput, SM activity). Residuals drop their common trailing
/// zero bits (integer-valued maxima share several) and are Rice-coded with the block's best parameter k:
/// <c>r &gt;&gt; k</c> in unary, then the low k bits, so that small residuals take few bits and one jump
/// (a job starting) costs only itself; a quotient of <see cref="Escape"/> or more is written raw.
/// <c>first:16 offsets:1 shift:4 k:5 residual…</c>, little-endian bits, padded to a byte; first is the block's
/// first value for differences, its minimum for offsets; k = 31 marks residuals that are all zero and not written.
/// Any bit pattern, NaN included, round-trips exactly.
/// </summary>
internal static class HalfBlockCodec
{
    private const int HeaderBits = 16 + 1 + 4 + 5;
    private const int Escape = 6;
    private const int RawBits = 17;
    private const int MaxK = 16;
    private const uint AllZero = 31;

    /// <summary>The most bytes <see cref="Encode"/> writes for <paramref name="count"/> values.</summary>
    public static int MaxBytes(int count) => (HeaderBits + (count * (Escape + RawBits)) + 7) / 8;

    /// <summary>Packs <paramref name="values"/> (1 to 64) into <paramref name="destination"/>; returns the bytes written.</summary>
    public static int Encode(ReadOnlySpan<ushort> values, Span<byte> destination)
    {
        Span<uint> differences = stackalloc uint[values.Length - 1];
        Span<uint> offsets = stackalloc uint[values.Length];
        var min = int.MaxValue;
        foreach (var bits in values)
        {
            min = Math.Min(min, Ordered(bits));
        }

        for (var i = 0; i < values.Length; i++)
        {
            offsets[i] = (uint)(Ordered(values[i]) - min);
            if (i > 0)
            {
                differences[i - 1] = ZigZag(Ordered(values[i]) - Ordered(values[i - 1]));
            }
        }

        var (differenceShift, differenceK, differenceBits) = Plan(differences);
        var (offsetShift, offsetK, offsetBits) = Plan(offsets);
        var useOffsets = offsetBits < differenceBits;
        var writer = new BitWriter(destination);
        writer.Write(useOffsets ? Unordered(min) : values[0], 16);
        writer.Write(useOffsets ? 1u : 0u, 1);
        var shift = useOffsets ? offsetShift : differenceShift;
        var k = useOffsets ? offsetK : differenceK;
        writer.Write((uint)shift, 4);
        writer.Write(k, 5);
        if (k != AllZero)
        {
            foreach (var residual in useOffsets ? offsets : differences)
            {
                WriteResidual(ref writer, residual >> shift, (int)k);
            }
        }

        return writer.Flush();
    }

    /// <summary>Unpacks <paramref name="values"/>.Length values; returns the bytes read.</summary>
    public static int Decode(ReadOnlySpan<byte> source, Span<ushort> values)
    {
        var reader = new BitReader(source);
        var first = (ushort)reader.Read(16);
        var useOffsets = reader.Read(1) == 1;
        var shift = (int)reader.Read(4);
        var k = reader.Read(5);
        var previous = Ordered(first);
        for (var i = 0; i < values.Length; i++)
        {
            if (i == 0 && !useOffsets)
            {
                values[0] = first;
                continue;
            }

            var residual = k == AllZero ? 0 : ReadResidual(ref reader, (int)k) << shift;
            var ordered = useOffsets ? Ordered(first) + (int)residual : previous + UnZigZag(residual);
            values[i] = Unordered(ordered);
            previous = ordered;
        }

        return reader.BytesRead;
    }

    // The shift and k that write the residuals in the fewest bits, and that number (the header included).
    private static (int Shift, uint K, int Bits) Plan(ReadOnlySpan<uint> residuals)
    {
        var shared = 0u;
        var widest = 0u;
        foreach (var residual in residuals)
        {
            shared |= residual;
            widest = Math.Max(widest, residual);
        }

        if (shared == 0)
        {
            return (0, AllZero, HeaderBits);
        }

        var shift = Math.Min(BitOperations.TrailingZeroCount(shared), 15);

        // A k as wide as the widest residual leaves every quotient 0; a wider one only adds bits.
        var widestK = Math.Min(32 - BitOperations.LeadingZeroCount(widest >> shift), MaxK);
        var best = (K: 0u, Bits: int.MaxValue);
        for (var k = 0; k <= widestK; k++)
        {
            // Every residual costs at least k + 1 bits, or the escape's whole width: once that floor alone reaches the
            // best so far no wider k can win, so the search stops there (the same k as trying them all).
            if (HeaderBits + (residuals.Length * Math.Min(k + 1, Escape + RawBits)) >= best.Bits)
            {
                break;
            }

            var bits = HeaderBits;
            foreach (var residual in residuals)
            {
                var quotient = (residual >> shift) >> k;
                bits += quotient < Escape ? (int)quotient + 1 + k : Escape + RawBits;
            }

            if (bits < best.Bits)
            {
                best = ((uint)k, bits);
            }
        }

        return (shift, best.K, best.Bits);
    }

    private static void WriteResidual(ref BitWriter writer, uint residual, int k)
    {
        var quotient = residual >> k;
        if (quotient >= Escape)
        {
            writer.Write((1u << Escape) - 1, Escape);
            writer.Write(residual, RawBits);
            return;
        }

        // quotient ones, then the zero that ends them.
        writer.Write((1u << (int)quotient) - 1, (int)quotient + 1);
        writer.Write(residual & ((1u << k) - 1), k);
    }

    private static uint ReadResidual(ref BitReader reader, int k)
    {
        var quotient = 0u;
        while (quotient < Escape && reader.Read(1) == 1)
        {
            quotient++;
        }

        return quotient == Escape ? reader.Read(RawBits) : (quotient << k) | reader.Read(k);
    }

    // Sign-magnitude to an integer that orders as the float does: positives above negatives, larger magnitudes further out.
    private static int Ordered(ushort bits) => (bits & 0x8000) != 0 ? 0x7FFF - (bits & 0x7FFF) : 0x8000 + bits;

    private static ushort Unordered(int ordered) => (ushort)(ordered >= 0x8000 ? ordered - 0x8000 : 0x8000 | (0x7FFF - ordered));

    private static uint ZigZag(int delta) => (uint)((delta << 1) ^ (delta >> 31));

    private static int UnZigZag(uint zigzag) => (int)(zigzag >> 1) ^ -(int)(zigzag & 1);
}
