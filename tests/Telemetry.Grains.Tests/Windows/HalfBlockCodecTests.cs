using Telemetry.Grains.Windows;

namespace Telemetry.Grains.Tests.Windows;

public class HalfBlockCodecTests
{
    public static TheoryData<int> Seeds => [1, 2, 3, 4, 5];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Decode_AnyBitPatterns_GivesThemBackExactly(int seed)
    {
        var random = new Random(seed);
        for (var trial = 0; trial < 200; trial++)
        {
            var values = new ushort[random.Next(1, 40)];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = (ushort)random.Next(0x10000);
            }

            AssertRoundTrip(values);
        }
    }

    [Fact]
    public void Decode_EdgePatterns_GivesThemBackExactly()
    {
        ushort[] edges =
        [
            Bits(Half.NaN), Bits(Half.PositiveInfinity), Bits(Half.NegativeInfinity), Bits(Half.MaxValue), Bits(Half.MinValue),
            Bits(Half.Epsilon), Bits(-Half.Epsilon), 0x0000, 0x8000, 0xFFFF, 0x7FFF, 0x7C01, Bits(Half.NaN),
        ];
        AssertRoundTrip(edges);
        AssertRoundTrip([0x8000, 0x0000, 0x8000]);
        AssertRoundTrip([0xFFFF, 0x7FFF]);
        AssertRoundTrip([Bits(Half.NaN)]);
    }

    [Fact]
    public void Encode_ConstantValues_TakesOnlyTheHeader()
    {
        var values = Enumerable.Repeat(Bits((Half)42.5), 30).ToArray();
        var bytes = new byte[HalfBlockCodec.MaxBytes(values.Length)];

        Assert.Equal(4, HalfBlockCodec.Encode(values, bytes));
        AssertRoundTrip(values);
    }

    [Fact]
    public void Encode_SlowlyMovingValues_TakesLessThanHalfTheRawBytes()
    {
        var random = new Random(3);
        var value = 700.0;
        var values = new ushort[30];
        for (var i = 0; i < values.Length; i++)
        {
            value += (random.NextDouble() - 0.5) * 4;
            values[i] = Bits((Half)value);
        }

        var bytes = new byte[HalfBlockCodec.MaxBytes(values.Length)];

        Assert.True(HalfBlockCodec.Encode(values, bytes) < values.Length, "a moving power reading should pack under 8 bits a value");
        AssertRoundTrip(values);
    }

    [Fact]
    public void Decode_AdversarialBlocks_GivesThemBackExactly()
    {
        var monotone = Enumerable.Range(0, 30).Select(i => (ushort)(0x3C00 + (i * 37))).ToArray();
        var falling = monotone.Reverse().ToArray();
        var alternating = Enumerable.Range(0, 30).Select(i => (ushort)(i % 2 == 0 ? 0x0000 : 0xFFFF)).ToArray();
        var signFlips = Enumerable.Range(0, 30).Select(i => Bits((Half)(i % 3 == 0 ? -1.5 : 1.5))).ToArray();
        var nanGaps = Enumerable.Range(0, 30).Select(i => i % 4 == 0 ? Bits(Half.NaN) : Bits((Half)(40 + i))).ToArray();
        var escapes = Enumerable.Range(0, 30).Select(i => (ushort)(i * 2_200)).ToArray();

        AssertRoundTrip(monotone);
        AssertRoundTrip(falling);
        AssertRoundTrip(alternating);
        AssertRoundTrip(signFlips);
        AssertRoundTrip(nanGaps);
        AssertRoundTrip(escapes);
    }

    [Fact]
    public void Encode_OneJumpInASteadyBlock_CostsOnlyItsOwnBits()
    {
        // A job starting: 29 small steps and one jump of thousands of 16-bit steps.
        var values = new ushort[30];
        var value = 300.0;
        for (var i = 0; i < values.Length; i++)
        {
            value += i == 15 ? 40_000 : (i % 3) - 1;
            values[i] = Bits((Half)value);
        }

        var bytes = new byte[HalfBlockCodec.MaxBytes(values.Length)];

        // One width for the whole block, as the codec before this one used, took 54 bytes here.
        Assert.InRange(HalfBlockCodec.Encode(values, bytes), 4, 20);
        AssertRoundTrip(values);
    }

    [Fact]
    public void Encode_NoiseAroundALevel_TakesFewerBitsThanItsDifferencesWould()
    {
        // Independent draws around a level (link throughput): offsets above the minimum span half what differences do.
        var random = new Random(5);
        var values = Enumerable.Range(0, 30).Select(_ => Bits((Half)(9 + (random.NextDouble() * 2)))).ToArray();
        var bytes = new byte[HalfBlockCodec.MaxBytes(values.Length)];

        // Offsets above the minimum stay under 256 (8 bits), zigzag-coded differences reach 512 (10 bits).
        Assert.InRange(HalfBlockCodec.Encode(values, bytes), 4, 35);
        AssertRoundTrip(values);
    }

    private static void AssertRoundTrip(ushort[] values)
    {
        var bytes = new byte[HalfBlockCodec.MaxBytes(values.Length) + 3];
        bytes.AsSpan().Fill(0xA5);
        var written = HalfBlockCodec.Encode(values, bytes);
        Assert.InRange(written, 1, HalfBlockCodec.MaxBytes(values.Length));

        var decoded = new ushort[values.Length];
        var read = HalfBlockCodec.Decode(bytes.AsSpan(0, written), decoded);

        Assert.Equal(written, read);
        Assert.Equal(values, decoded);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Encode_AnyBlock_TakesTheShortestCodeOfEveryK(int seed)
    {
        var random = new Random(seed);
        Span<byte> packed = stackalloc byte[HalfBlockCodec.MaxBytes(30)];
        for (var block = 0; block < 500; block++)
        {
            // Positive halves (their bit patterns order like the values), levels with noise of every width, some jumps.
            var level = random.Next(0x1000, 0x6000);
            var noise = 1 << random.Next(0, 12);
            var values = new ushort[30];
            for (var i = 0; i < values.Length; i++)
            {
                var jump = random.Next(20) == 0 ? random.Next(0, 0x1000) : 0;
                values[i] = (ushort)(level + random.Next(noise) + jump);
            }

            Assert.Equal((ShortestBits(values) + 7) / 8, HalfBlockCodec.Encode(values, packed));
        }
    }

    // What docs/windows.md promises, tried the long way: differences or offsets, each with its shared shift and
    // every k from 0 to 16, the 26-bit header, a quotient of 6 or more written as 6 + 17 bits.
    private static int ShortestBits(ushort[] values)
    {
        var differences = new uint[values.Length - 1];
        for (var i = 1; i < values.Length; i++)
        {
            var delta = values[i] - values[i - 1];
            differences[i - 1] = (uint)((delta << 1) ^ (delta >> 31));
        }

        var min = values.Min();
        return Math.Min(RiceBits(differences), RiceBits([.. values.Select(v => (uint)(v - min))]));
    }

    private static int RiceBits(uint[] residuals)
    {
        const int header = 26;
        var shared = residuals.Aggregate(0u, (a, r) => a | r);
        if (shared == 0)
        {
            return header;
        }

        var shift = Math.Min(System.Numerics.BitOperations.TrailingZeroCount(shared), 15);
        var best = int.MaxValue;
        for (var k = 0; k <= 16; k++)
        {
            var bits = header + residuals.Sum(r => (r >> shift) >> k is var q && q < 6 ? (int)q + 1 + k : 6 + 17);
            best = Math.Min(best, bits);
        }

        return best;
    }

    private static ushort Bits(Half value) => BitConverter.HalfToUInt16Bits(value);
}
